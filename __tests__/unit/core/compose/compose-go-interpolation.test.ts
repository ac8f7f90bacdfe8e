// compose-go's own interpolation test table (template/template_test.go of
// compose-spec/compose-go @ e70e961, Apache-2.0, test data only), run
// through the action's interpolate(): the same mapping (FOO=first, BAR set
// and empty, JSON={"json":2}), the same templates, the values or errors
// compose expects. Cases of compose-go's Go API only (custom substitution
// functions, warnings) have no equivalent here.

import { describe, expect, it } from '@jest/globals'
import { interpolate } from '../../../../src/core/compose/interpolate.js'
import { ComposeError } from '../../../../src/core/errors.js'

const defaults: Record<string, string> = { FOO: 'first', BAR: '', JSON: '{"json":2}' }
const substitute = (template: string, mapping: Record<string, string> = defaults): string =>
  interpolate(template, name => mapping[name], 'test').value

const VALUES: [string, string][] = [
  // TestEscaped, TestSubstituteNoMatch, TestUnescaped
  ['$${foo}', '${foo}'],
  ['foo', 'foo'],
  ['a $ string', 'a $ string'],
  ['^REGEX$', '^REGEX$'],
  ['$}', '$}'],
  ['$', '$'],
  // TestNonBraced, TestNoValueNoDefault, TestValueNoDefault, TestNoValueWithDefault
  ['$FOO-bar', 'first-bar'],
  ['This ${missing} var', 'This  var'],
  ['This ${BAR} var', 'This  var'],
  ['This $FOO var', 'This first var'],
  ['This ${FOO} var', 'This first var'],
  ['ok ${missing:-def}', 'ok def'],
  ['ok ${missing-def}', 'ok def'],
  // TestLazyDefault*, soft and hard defaults, presence values
  ['${A:+${A},}B', 'B'],
  ['${A:-${B}}', ''],
  ['ok ${BAR:-def}', 'ok def'],
  ['ok ${FOO:-def}', 'ok first'],
  ['ok ${BAR-def}', 'ok '],
  ['ok ${UNSET_VAR:+presence_value}', 'ok '],
  ['ok ${UNSET_VAR+presence_value}', 'ok '],
  ['ok ${FOO:+presence_value}', 'ok presence_value'],
  ['ok ${FOO+presence_value}', 'ok presence_value'],
  ['ok ${BAR+presence_value}', 'ok presence_value'],
  ['ok ${BAR:+presence_value}', 'ok '],
  ['ok ${BAR:-/non:-alphanumeric}', 'ok /non:-alphanumeric'],
  // TestInterpolationExternalInterference
  ['-ok ${BAR:-defaultValue}', '-ok defaultValue'],
  ['+ok ${UNSET:-${BAR-defaultValue}}', '+ok '],
  ['-ok ${FOO:-defaultValue}', '-ok first'],
  [':-ok ${UNSET-defaultValue}', ':-ok defaultValue'],
  [':-ok ${BAR-defaultValue}', ':-ok '],
  [':?ok ${BAR-defaultValue}', ':?ok '],
  [':?ok ${BAR:-defaultValue}', ':?ok defaultValue'],
  [':+ok ${BAR:-defaultValue}', ':+ok defaultValue'],
  ['+ok ${BAR-defaultValue}', '+ok '],
  ['?ok ${BAR:-defaultValue}', '?ok defaultValue'],
  // TestDefaultsWithNestedExpansion
  ['ok ${UNSET_VAR-$FOO}', 'ok first'],
  ['ok ${UNSET_VAR-${FOO}}', 'ok first'],
  ['ok ${UNSET_VAR-${FOO} ${FOO}}', 'ok first first'],
  ['ok ${BAR:-$FOO}', 'ok first'],
  ['ok ${BAR:-${FOO}}', 'ok first'],
  ['ok ${BAR:-${FOO} ${FOO}}', 'ok first first'],
  ['ok ${BAR+$FOO}', 'ok first'],
  ['ok ${BAR+$FOO ${FOO:+second}}', 'ok first second'],
  // TestDefaultsForMandatoryVariables, TestPrecedence
  ['ok ${FOO:?err}', 'ok first'],
  ['ok ${FOO?err}', 'ok first'],
  ['ok ${BAR?err}', 'ok '],
  ['${UNSET_VAR-myerror?msg}', 'myerror?msg'],
  ['${FOO?bar-baz}', 'first'],
  ['${BAR:-default_value_for_empty_var}', 'default_value_for_empty_var'],
  ['${UNSET_VAR-default_value_for_unset_var}', 'default_value_for_unset_var'],
  // TestSubstituteWithReplacementFunc's plain case
  ['ok ${SUBDOMAIN:-redis}.${FOO:?}', 'ok redis.first'],
  // TestNoValueWithCurlyBracesDefault, TestValueWithCurlyBracesDefault
  ['ok ${missing:-{"json":1}}', 'ok {"json":1}'],
  ['ok ${missing-{"json":1}}', 'ok {"json":1}'],
  ['ok ${JSON:-{"json":1}}', 'ok {"json":2}'],
  ['ok ${JSON-{"json":1}}', 'ok {"json":2}']
]

const ERRORS: [string, string][] = [
  // TestMandatoryVariableErrors, …WithNestedExpansion, TestPrecedence
  [
    'not ok ${UNSET_VAR:?Mandatory Variable Unset}',
    'required variable UNSET_VAR is missing a value: Mandatory Variable Unset'
  ],
  [
    'not ok ${BAR:?Mandatory Variable Empty}',
    'required variable BAR is missing a value: Mandatory Variable Empty'
  ],
  ['not ok ${UNSET_VAR:?}', 'required variable UNSET_VAR is missing a value'],
  [
    'not ok ${UNSET_VAR?Mandatory Variable Unset}',
    'required variable UNSET_VAR is missing a value: Mandatory Variable Unset'
  ],
  ['not ok ${UNSET_VAR?}', 'required variable UNSET_VAR is missing a value'],
  [
    'not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}',
    'required variable UNSET_VAR is missing a value: Mandatory Variable first'
  ],
  [
    'not ok ${UNSET_VAR?Mandatory Variable ${FOO}}',
    'required variable UNSET_VAR is missing a value: Mandatory Variable first'
  ],
  ['${UNSET_VAR?bar-baz}', 'required variable UNSET_VAR is missing a value: bar-baz']
]

/** TestInvalid. */
const INVALID = ['${', '${}', '${ }', '${ foo}', '${foo }', '${foo!}']

/** TestSubstitutionFunctionChoice: the first operator decides; [template, mapping → expected]. */
const OPERATOR_CHOICE: [string, Record<string, string>, string | Error][] = [
  ['${VARNAME:?val?ue}', {}, new Error('required variable VARNAME is missing a value: val?ue')],
  ['${VARNAME?val:?ue}', {}, new Error('required variable VARNAME is missing a value: val:?ue')],
  ['${VARNAME?va-lu+e:?e}', {}, new Error('required variable VARNAME is missing a value: va-lu+e:?e')],
  ['${VARNAME:-value}', {}, 'value'],
  ['${VARNAME-va:-lu:?e}', {}, 'va:-lu:?e'],
  ['${VARNAME-va+lu?e}', {}, 'va+lu?e'],
  ['${VARNAME:+va:?lu:-e}', { VARNAME: 'x' }, 'va:?lu:-e'],
  ['${VARNAME+va:+lue}', { VARNAME: '' }, 'va:+lue'],
  ['${VARNAME+va?lu-e}', { VARNAME: '' }, 'va?lu-e']
]

describe("compose-go's interpolation table", () => {
  it.each(VALUES)('%j → %j', (template, expected) => {
    expect(substitute(template)).toBe(expected)
  })

  it.each(ERRORS)('%j is refused: %s', (template, message) => {
    expect(() => substitute(template)).toThrow(ComposeError)
    expect(() => substitute(template)).toThrow(`test: ${message}`)
  })

  it.each(INVALID)('%j is an invalid template', template => {
    expect(() => substitute(template)).toThrow(/invalid interpolation/)
  })

  it.each(OPERATOR_CHOICE)('%j takes its first operator', (template, mapping, expected) => {
    const outcome = (): { value: string } | { error: string } => {
      try {
        return { value: substitute(template, mapping) }
      } catch (error) {
        return { error: (error as Error).message }
      }
    }
    const refusal = expect.stringContaining(expected instanceof Error ? expected.message : '')
    expect(outcome()).toEqual(expected instanceof Error ? { error: refusal } : { value: expected })
  })
})
