require 'socket'

# Runs in the Sidekiq worker container.
class GreetPuppyJob < ApplicationJob
  queue_as :default

  def perform(puppy_id)
    puppy = Puppy.find_by(id: puppy_id)
    # Deleted before the worker got to it: nothing left to greet.
    return if puppy.nil?

    # The host name tells whoever reads the greeting which container wrote it.
    puppy.update!(greeting: "Woof, #{puppy.name}! (greeted by #{Socket.gethostname})", processed_at: Time.current)
  end
end
