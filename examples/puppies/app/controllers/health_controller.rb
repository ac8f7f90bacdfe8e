# GET /up, for the load balancer and for people: 200 while both backing
# services answer, 503 otherwise, with one line per service saying which.
class HealthController < ActionController::API
  def show
    results = { 'postgresql' => check { postgresql_answers }, 'redis' => check { redis_answers } }
    body = results.map { |service, error| "#{service}: #{error || 'ok'}\n" }.join
    render plain: body, status: results.values.all?(&:nil?) ? :ok : :service_unavailable
  end

  private

  # Returns nil when the block succeeds, else a short reason. Only the error
  # class is reported: messages can carry host names and user names.
  def check
    yield
    nil
  rescue StandardError => e
    logger.warn("health check failed: #{e.class}: #{e.message}")
    "unavailable (#{e.class})"
  end

  def postgresql_answers
    ActiveRecord::Base.connection_pool.with_connection do |connection|
      # verify! reconnects a connection that broke while the server was away,
      # so /up recovers as soon as PostgreSQL is back.
      connection.verify!
      connection.select_value('SELECT 1')
    end
  end

  def redis_answers
    # Sidekiq's pool is the connection the app depends on for enqueueing.
    Sidekiq.redis { |redis| redis.ping }
  end
end
