// The Elastic Beanstalk API's shapes the rest of src/ speaks in (an environment, a tag, an option setting, a
// version), taken from the SDK here: only adapters import AWS SDK packages (__tests__/unit/import-direction).
export type {
  ApplicationVersionDescription,
  ConfigurationOptionSetting,
  EnvironmentDescription,
  Tag
} from '@aws-sdk/client-elastic-beanstalk'
