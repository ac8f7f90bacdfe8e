require_relative 'boot'

require 'rails'
# Only the frameworks the app uses: fewer railties boot faster and keep the
# container's memory down. No asset pipeline: Nginx serves public/ as is.
require 'active_model/railtie'
require 'active_job/railtie'
require 'active_record/railtie'
require 'action_controller/railtie'
require 'action_view/railtie'

Bundler.require(*Rails.groups)

# Used by config/database.yml, which Rails reads after this file.
require_relative 'database_url'

module Puppies
  class Application < Rails::Application
    config.load_defaults 6.1

    # Jobs go through Redis to the separate Sidekiq worker container.
    config.active_job.queue_adapter = :sidekiq

    config.generators.system_tests = nil
  end
end
