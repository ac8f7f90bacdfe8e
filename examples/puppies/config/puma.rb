# Puma serves each request in a thread; keep this in step with the database
# pool in config/database.yml.
max_threads_count = ENV.fetch('RAILS_MAX_THREADS') { 5 }
min_threads_count = ENV.fetch('RAILS_MIN_THREADS') { max_threads_count }
threads min_threads_count, max_threads_count

# All interfaces: Nginx reaches the app from its own container.
bind "tcp://0.0.0.0:#{ENV.fetch('PORT') { 3000 }}"

environment ENV.fetch('RAILS_ENV') { 'development' }

# No pidfile: the container is the unit of process management, and a pidfile
# left in a stopped container would only get in the way of a restart.
