class Puppy < ApplicationRecord
  validates :name, presence: true, length: { maximum: 60 }

  scope :newest_first, -> { order(created_at: :desc, id: :desc) }

  # The greeting is written by GreetPuppyJob in the worker container, so its
  # presence shows the puppy went web -> Redis -> worker -> PostgreSQL.
  def greeted?
    processed_at.present?
  end

  def as_json(_options = nil)
    {
      id: id,
      name: name,
      greeting: greeting,
      processed_at: processed_at&.iso8601(3),
      created_at: created_at.iso8601(3)
    }
  end
end
