Rails.application.routes.draw do
  root 'puppies#index'
  resources :puppies, only: %i[index create]

  # JSON endpoints for scripts and tests; see Api::PuppiesController.
  namespace :api do
    resources :puppies, only: %i[index show create]
  end

  # Load balancer health check: 200 only while PostgreSQL and Redis answer.
  get 'up' => 'health#show'
end
