# Sidekiq reads REDIS_URL by itself; the timeout is set so that a Redis outage
# turns into a quick error for the web request that enqueues, not a hang.
redis_options = { url: ENV.fetch('REDIS_URL') { 'redis://localhost:6379/0' }, network_timeout: 2 }

Sidekiq.configure_server { |config| config.redis = redis_options }
Sidekiq.configure_client { |config| config.redis = redis_options }
