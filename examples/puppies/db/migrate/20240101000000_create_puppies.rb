class CreatePuppies < ActiveRecord::Migration[6.1]
  def change
    create_table :puppies do |t|
      t.string :name, null: false, limit: 60
      # Filled in by GreetPuppyJob in the worker.
      t.string :greeting
      t.datetime :processed_at
      t.timestamps
    end
    add_index :puppies, :created_at
  end
end
