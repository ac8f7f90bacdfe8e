// ECR lifecycle policy rules, as the ECR user guide ("Lifecycle policy
// properties") states them. Returns what is wrong, or undefined.

const TAG_STATUSES = ['tagged', 'untagged', 'any']
const COUNT_TYPES = ['imageCountMoreThan', 'sinceImagePushed']

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
}

function ruleProblem(rule: unknown, index: number): string | undefined {
  const at = `rules[${index}]`
  if (!isObject(rule)) return `${at} is not an object`
  if (!isPositiveInteger(rule.rulePriority)) return `${at}.rulePriority must be a positive integer`
  const selection = rule.selection
  if (!isObject(selection)) return `${at}.selection is required`
  if (!TAG_STATUSES.includes(String(selection.tagStatus)))
    return `${at}.selection.tagStatus must be one of ${TAG_STATUSES.join(', ')}`
  const prefixes = selection.tagPrefixList
  const patterns = selection.tagPatternList
  if (selection.tagStatus === 'tagged') {
    // "If you specify tagStatus as tagged, you must specify either tagPrefixList or tagPatternList".
    const lists = [prefixes, patterns].filter(list => list !== undefined)
    if (lists.length !== 1 || !Array.isArray(lists[0]) || lists[0].length === 0)
      return `${at}.selection with tagStatus tagged needs exactly one non-empty tagPrefixList or tagPatternList`
  } else if (prefixes !== undefined || patterns !== undefined) {
    return `${at}.selection: tagPrefixList and tagPatternList go only with tagStatus tagged`
  }
  if (!COUNT_TYPES.includes(String(selection.countType)))
    return `${at}.selection.countType must be one of ${COUNT_TYPES.join(', ')}`
  if (selection.countType === 'sinceImagePushed' && selection.countUnit !== 'days')
    return `${at}.selection.countUnit must be days with countType sinceImagePushed`
  if (selection.countType === 'imageCountMoreThan' && selection.countUnit !== undefined)
    return `${at}.selection.countUnit is not allowed with countType imageCountMoreThan`
  if (!isPositiveInteger(selection.countNumber))
    return `${at}.selection.countNumber must be a positive integer`
  if (!isObject(rule.action) || rule.action.type !== 'expire') return `${at}.action.type must be expire`
  return undefined
}

export function validateLifecyclePolicy(text: string): string | undefined {
  let policy: unknown
  try {
    policy = JSON.parse(text)
  } catch {
    return 'the policy is not valid JSON'
  }
  if (!isObject(policy) || !Array.isArray(policy.rules) || policy.rules.length === 0)
    return 'the policy needs a non-empty rules array'
  for (const [index, rule] of policy.rules.entries()) {
    const problem = ruleProblem(rule, index)
    if (problem) return problem
  }
  const rules = policy.rules as Json[]
  const priorities = rules.map(rule => rule.rulePriority as number)
  // "The value for rulePriority must be unique for each rule."
  if (new Set(priorities).size !== priorities.length) return 'rulePriority values must be unique'
  // "A rule with a tagStatus value of any must have the highest value for rulePriority and be evaluated last."
  const anyRules = rules.filter(rule => (rule.selection as Json).tagStatus === 'any')
  if (anyRules.length > 1) return 'only one rule may have tagStatus any'
  if (anyRules.length === 1 && (anyRules[0]?.rulePriority as number) !== Math.max(...priorities))
    return 'the rule with tagStatus any must have the highest rulePriority'
  return undefined
}
