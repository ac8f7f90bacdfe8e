module Api
  # JSON counterpart of PuppiesController. It derives from ActionController::API,
  # which has no session cookie and hence no CSRF protection to get around:
  # a browser cannot post JSON cross-site without a CORS preflight this app
  # never grants.
  class PuppiesController < ActionController::API
    def index
      render json: Puppy.newest_first.limit(100)
    end

    def show
      puppy = Puppy.find_by(id: params[:id])
      return head :not_found if puppy.nil?

      render json: puppy
    end

    def create
      puppy = Puppy.new(params.require(:puppy).permit(:name))
      if puppy.save
        GreetPuppyJob.perform_later(puppy.id)
        render json: puppy, status: :created
      else
        render json: { errors: puppy.errors.full_messages }, status: :unprocessable_entity
      end
    end
  end
end
