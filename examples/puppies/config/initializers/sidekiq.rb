# Sidekiq reads REDIS_URL by itself; the timeout is set so that a Redis outage
# turns into a quick error for the web request that enqueues, not a hang.
redis_options = { url: ENV.fetch('REDIS_URL') { 'redis://localhost:6379/0' }, network_timeout: 2 }

Sidekiq.configure_server { |config| config.redis = redis_options }
Sidekiq.configure_client { |config| config.redis = redis_options }

# Debian pairs Sidekiq 6.4 with redis-rb 4.8, which warns about Sidekiq's
# positional timeout on every job fetch (every two seconds); the call is
# correct for this pair, the warning is only noise in the worker's log.
Redis.silence_deprecations = true
