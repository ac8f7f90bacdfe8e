require 'uri'

# Builds the PostgreSQL connection URL from the environment.
#
# The deploy action writes DATABASE_URL into the Dockerrun bundle without a
# password and hands the RDS-managed password over separately, as a secret
# reference, in DATABASE_PASSWORD. Rails lets a URL's parts win over keys
# written next to it in database.yml, so the password has to go into the URL
# itself for the override to hold.
module DatabaseUrl
  def self.from_env(env = ENV)
    url = env.fetch('DATABASE_URL') { raise KeyError, 'DATABASE_URL is not set' }
    password = env['DATABASE_PASSWORD']
    return url if password.nil? || password.empty?

    with_password(url, password)
  end

  def self.with_password(url, password)
    uri = URI.parse(url)
    raise ArgumentError, 'DATABASE_URL needs a user name for DATABASE_PASSWORD to apply' if uri.user.nil?

    # Percent-encode everything outside the unreserved set; Rails decodes %XX
    # but would keep a form-encoded "+" as a literal plus.
    uri.password = URI.encode_www_form_component(password).gsub('+', '%20')
    uri.to_s
  end
end
