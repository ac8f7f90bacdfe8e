class PuppiesController < ApplicationController
  def index
    @puppies = Puppy.newest_first.limit(100)
    @puppy = Puppy.new
  end

  def create
    @puppy = Puppy.new(puppy_params)
    if @puppy.save
      GreetPuppyJob.perform_later(@puppy.id)
      redirect_to puppies_path, notice: "#{@puppy.name} joined the litter."
    else
      @puppies = Puppy.newest_first.limit(100)
      render :index, status: :unprocessable_entity
    end
  end

  private

  def puppy_params
    params.require(:puppy).permit(:name)
  end
end
