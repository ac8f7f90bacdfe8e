// Generated compose projects for the differential test: each form compose
// accepts of anchors and merges, profiles, interpolation, env files,
// extends, include, ports, volumes, entrypoint/command, memory and
// depends_on, written as a user would (the forms found in public apps and in
// the Compose Specification). `refused: true` marks a project compose itself
// refuses: the action must refuse it too.

export interface Variant {
  name: string
  files: Record<string, string>
  /** The clean environment compose runs in (besides PATH). */
  env?: Record<string, string>
  composeFile?: string
}

const dotenv = [
  'PLAIN=plain',
  'export EXPORTED=exported',
  'QUOTED="double quoted"',
  "SINGLE='single $PLAIN'",
  'INTERPOLATED="${PLAIN}-x"',
  'COMMENTED=value # a comment',
  'HASH=a#b',
  'EMPTY=',
  'MULTI="line one',
  'line two"',
  'ESCAPES="tab\\tnew\\nline \\$dollar \\"q\\""',
  'YAML_STYLE: yaml value',
  'SPACES =  around  ',
  'TRAILING=trailing   ',
  'REF_LATER=${LATER:-fallback}',
  'LATER=later',
  'DEFAULTED=${UNSET_ONE:-default one}',
  'NESTED=${UNSET_ONE:-${PLAIN:-x}}',
  'COMPOSE_PROFILES=worker',
  ''
].join('\n')

export const VARIANTS: Variant[] = [
  {
    name: 'anchors-and-merges',
    files: {
      'compose.yaml': `x-common: &common
  image: app:1
  environment: &env
    RAILS_ENV: production
    LOG: stdout
  mem_limit: 256m
services:
  base: &base
    <<: *common
    command: bin/base
  web:
    <<: *base
    command: [bin/web, --port, "3000"]
    environment:
      <<: *env
      LOG: file
    ports: ["80:3000"]
  worker:
    <<: [*common]
    mem_limit: 384m
`
    }
  },
  {
    name: 'profiles',
    files: {
      'compose.yaml': `services:
  web: {image: web, ports: ["80:80"]}
  worker: {image: worker, profiles: [worker]}
  debug: {image: debug, profiles: [debug, tools]}
`,
      '.env': 'COMPOSE_PROFILES=worker\n'
    }
  },
  {
    name: 'interpolation-forms',
    env: { FROM_RUNNER: 'runner', EMPTY_RUNNER: '' },
    files: {
      'compose.yaml': `services:
  web:
    image: "app:\${TAG:-latest}"
    environment:
      BRACED: "\${PLAIN}"
      BARE: $PLAIN
      IN_TEXT: "a-\${PLAIN}-b"
      DEFAULT_UNSET: "\${UNSET:-d1}"
      DEFAULT_EMPTY_COLON: "\${EMPTY:-d2}"
      DEFAULT_EMPTY: "\${EMPTY-d3}"
      ALT_SET: "\${PLAIN:+alt}"
      ALT_EMPTY_COLON: "\${EMPTY:+alt}"
      ALT_EMPTY: "\${EMPTY+alt}"
      DOLLARS: "$$HOME and $$\{x}"
      NESTED: "\${UNSET:-\${ALSO_UNSET:-deep}}"
      RUNNER: "r-\${FROM_RUNNER}"
      RUNNER_EMPTY: "\${EMPTY_RUNNER:-fallback}"
      REQUIRED: "\${PLAIN:?must be set}"
      LONE_DOLLAR: "price $ 5"
      DOTENV_FORMS: "\${EXPORTED}|\${QUOTED}|\${SINGLE}|\${INTERPOLATED}|\${COMMENTED}|\${HASH}|\${YAML_STYLE}|\${TRAILING}"
      DOTENV_MULTI: "m-\${MULTI}"
      DOTENV_ESCAPES: "e-\${ESCAPES}"
      DOTENV_ORDER: "\${REF_LATER}|\${DEFAULTED}|\${NESTED}"
    command: ["echo", "\${PLAIN}", "$$\${NOT_INTERPOLATED}"]
`,
      '.env': dotenv
    }
  },
  {
    name: 'env-file-forms',
    files: {
      'compose.yaml': `services:
  one:
    image: one
    env_file: app.env
  list:
    image: list
    env_file: [app.env, override.env]
    environment:
      FROM_COMPOSE: wins
      SHARED: compose
  optional:
    image: optional
    env_file:
      - path: app.env
      - path: missing.env
        required: false
`,
      'app.env': 'A=1\nSHARED=app\nQ="quoted # not a comment"\nexport E=exported\nINHERIT\nREF=${A}-ref\n',
      'override.env': 'A=2\nFROM_COMPOSE=loses\n'
    }
  },
  {
    name: 'extends-same-file',
    files: {
      'compose.yaml': `services:
  base:
    image: app
    environment: {A: "1", B: "2"}
    ports: ["3000"]
    volumes: ["./a:/a"]
    command: bin/base
  web:
    extends: base
    environment: {B: "3"}
    ports: ["80:3000"]
    command: bin/web
  worker:
    extends:
      service: web
    environment: [C=4]
`
    }
  },
  {
    name: 'extends-other-file',
    files: {
      'compose.yaml':
        'services:\n  web:\n    extends: {file: common.yaml, service: base}\n    ports: ["80:80"]\n',
      'common.yaml': 'services:\n  base:\n    image: app\n    environment: {A: "1"}\n'
    }
  },
  {
    name: 'include',
    files: {
      'compose.yaml': `include:
  - sub/compose.yaml
  - path: other/compose.yaml
    env_file: other.env
services:
  web:
    image: web
    depends_on: [api]
`,
      'sub/compose.yaml':
        'services:\n  api:\n    build: .\n    env_file: api.env\n    volumes: ["./data:/data"]\n    environment: {A: "a-$A", B: "b-$B"}\n',
      'sub/api.env': 'X=1\n',
      'sub/.env': 'A=sub\nB=sub\n',
      'other/compose.yaml': 'services:\n  jobs:\n    image: "jobs:${JOBS_TAG}"\n',
      'other.env': 'JOBS_TAG=7\n',
      '.env': 'A=main\n'
    }
  },
  {
    name: 'port-syntaxes',
    files: {
      'compose.yaml': `services:
  web:
    image: web
    ports:
      - 3000
      - "3001"
      - "8080:80"
      - "127.0.0.1:8081:81"
      - "127.0.0.1::82"
      - ":2283:2283"
      - "\${EXPOSE_PORT-:2284:2284}"
      - "[::1]:8083:83"
      - "8084:84/udp"
      - "3002-3003"
      - "4000-4001:5000-5001"
      - "6000-6010:86"
      - target: 87
        published: 8087
        host_ip: 0.0.0.0
        protocol: udp
      - target: 88
        published: "8088"
      - target: 89
`
    }
  },
  {
    name: 'volume-syntaxes',
    files: {
      'compose.yaml': `services:
  web:
    image: web
    volumes:
      - ./src:/app/src
      - ./conf/nginx.conf:/etc/nginx/nginx.conf:ro
      - data:/var/lib/data
      - /var/run/docker.sock:/var/run/docker.sock
      - /anonymous
      - ./rw:/rw:rw,z
      - type: bind
        source: ./public
        target: /public
        read_only: true
      - type: volume
        source: uploads
        target: /uploads
      - type: tmpfs
        target: /scratch
    tmpfs: [/run, "/cache:size=64m"]
volumes:
  data: {}
  uploads: {}
`
    }
  },
  {
    name: 'entrypoint-and-command',
    files: {
      'compose.yaml': `services:
  shell: {image: a, command: "bundle exec 'rails server' -b \\"0.0.0.0\\""}
  list: {image: a, command: [bundle, exec, puma], entrypoint: [/entry.sh, --verbose]}
  cleared: {image: a, entrypoint: [], command: [run]}
  cleared_string: {image: a, entrypoint: "", command: run}
  nulls: {image: a, entrypoint: null, command: null}
  string_entry: {image: a, entrypoint: /bin/sh -c}
`
    }
  },
  {
    name: 'memory-forms',
    env: { X: '' },
    files: {
      'compose.yaml': `services:
  zero: {image: a, deploy: {resources: {limits: {memory: "\${X:-0}"}}}}
  units: {image: a, mem_limit: 512m, mem_reservation: 128M}
  bytes: {image: a, mem_limit: 268435456}
  deploy: {image: a, deploy: {resources: {limits: {memory: 1g}, reservations: {memory: 256mb}}}}
  fraction: {image: a, mem_limit: 1.5g}
  both_equal: {image: a, mem_limit: 256m, deploy: {resources: {limits: {memory: 256m}}}}
`
    }
  },
  {
    name: 'memory-distinct',
    files: {
      'compose.yaml':
        'services:\n  a: {image: a, mem_limit: 256m, deploy: {resources: {limits: {memory: 512m}}}}\n'
    }
  },
  {
    name: 'environment-forms',
    env: { FROM_SHELL: 'shell' },
    files: {
      'compose.yaml': `services:
  list:
    image: a
    environment:
      - A=b=c
      - EMPTY=
      - FROM_SHELL
      - NOT_SET
      - SPACED=with space
  map:
    image: a
    environment:
      NUMBER: 5
      BOOL: true
      NULL_VALUE:
      FLOAT: 1.50
      QUOTED: "yes"
`
    }
  },
  {
    name: 'depends-on-forms',
    files: {
      'compose.yaml': `services:
  web:
    image: web
    depends_on:
      migrate: {condition: service_completed_successfully}
      db: {condition: service_healthy, restart: true}
      cache: {condition: service_started, required: false}
  worker:
    image: web
    depends_on: [db]
    links: ["cache:redis"]
  migrate: {image: web, command: migrate}
  db: {image: postgres:16, healthcheck: {test: pg_isready}}
  cache: {image: redis:7}
`
    }
  },
  {
    name: 'build-forms',
    env: { ARG_FROM_RUNNER: 'from-runner' },
    files: {
      'compose.yaml': `services:
  short: {build: ./app}
  long:
    build:
      context: app
      dockerfile: docker/Dockerfile.prod
      target: runtime
      args: {RUBY: "3.3", ARG_FROM_RUNNER: null, UNSET_ARG: null}
  list_args:
    build:
      context: .
      args: [NODE=20, ARG_FROM_RUNNER, MISSING]
  inline:
    build:
      context: app
      dockerfile_inline: |
        FROM alpine
        COPY . /app
  image_and_build:
    image: registry/app:1
    build: app
`,
      'app/Dockerfile': 'FROM alpine\n',
      'app/docker/Dockerfile.prod': 'FROM alpine AS runtime\n',
      Dockerfile: 'FROM alpine\n'
    }
  },
  {
    name: 'extends-merge-rules',
    files: {
      'compose.yaml': `services:
  base:
    image: app
    environment: [A=1, B=2]
    volumes: ["./a:/data", "./b:/b"]
    depends_on: [db]
    labels: {x: "1"}
    build: {context: ., args: {V: "1"}}
  web:
    extends: base
    environment: {B: "3"}
    volumes: ["./c:/data"]
    depends_on: {cache: {condition: service_started}}
    labels: [y=2]
    build: {args: [W=2]}
  db: {image: postgres}
  cache: {image: redis}
`,
      Dockerfile: 'FROM alpine\n'
    }
  },
  {
    // compose-go's merge rules beyond mappings (2026-12-08): a lone string is a one-item list
    // (env_file, dns, dns_search, tmpfs), extra_hosts append as host=address entries, network
    // aliases append, a list of networks merges with a mapping, a healthcheck's test is replaced.
    name: 'extends-short-forms',
    files: {
      'compose.yaml': `services:
  base:
    image: app
    env_file: base.env
    dns: 8.8.8.8
    dns_search: example.com
    tmpfs: /run
    extra_hosts: ["a=10.0.0.1"]
    networks:
      default: {aliases: [one, both]}
    healthcheck: {test: [CMD, a], interval: 10s}
  web:
    extends: base
    env_file: [web.env]
    dns: [1.1.1.1]
    dns_search: [x.example]
    tmpfs: [/tmp]
    extra_hosts: {a: 10.0.0.2, b: 10.0.0.3}
    networks:
      default: {aliases: [two, both]}
    healthcheck: {test: [CMD, b]}
  worker:
    extends: base
    env_file: worker.env
    extra_hosts: ["a=10.0.0.1"]
    networks: [default, back]
networks:
  back: {}
`,
      'base.env': 'FROM_BASE=1\nSHARED=base\n',
      'web.env': 'FROM_WEB=1\nSHARED=web\n',
      'worker.env': 'FROM_WORKER=1\n'
    }
  },
  {
    // A null in the extending service keeps the base's value, except for command and entrypoint.
    name: 'extends-null-keeps-base',
    files: {
      'compose.yaml': `services:
  base:
    image: app
    command: run
    entrypoint: [sh, -c]
    working_dir: /srv
    environment: {A: "1"}
    ports: ["8000:80"]
    volumes: ["./a:/data"]
    depends_on: [db]
  web:
    extends: base
    image: null
    working_dir: null
    environment: null
    ports: null
    volumes: null
    depends_on: null
    command: null
  worker:
    extends: base
    entrypoint: null
  db: {image: postgres}
`
    }
  },
  {
    // The compose folder in several spellings (a new user's `./:/app`, 2026-12-07): one folder for compose.
    name: 'folder-spellings',
    files: {
      'compose.yaml': `services:
  app: {build: ./, volumes: ["./:/app", ".//conf/:/etc/app:ro", "././data/:/data"]}
  worker: {build: {context: ./}, volumes: [".:/app"]}
`,
      Dockerfile: 'FROM debian\n',
      'conf/app.ini': 'x=1\n'
    }
  },
  {
    name: 'shell-operators-in-commands',
    files: {
      'compose.yaml': `services:
  migrate: {image: kong, command: kong migrations up && kong migrations finish}
  piped: {image: a, command: "cat x | grep y"}
  quoted: {image: a, command: "sh -c 'a && b'"}
  redirect: {image: a, entrypoint: "run > /log"}
`
    }
  },
  {
    name: 'braces-in-defaults',
    env: { JSON: '{"json":2}' },
    files: {
      'compose.yaml': `services:
  web:
    image: a
    environment:
      A: 'x \${JSON:-{"json":1}}'
      B: 'x \${MISSING:-{"json":1}}'
      C: 'x \${JSON-a}}'
`
    }
  },
  {
    name: 'dotenv-escapes-and-names',
    files: {
      'compose.yaml': 'services:\n  web:\n    image: a\n    env_file: e.env\n',
      'e.env': 'OCTAL="\\0123"\nSHORT="x\\012y"\nOTHER="\\c\\x07"\nárvíztűrő-T=ő\nexport E=1\nY: yaml\n'
    }
  },
  {
    name: 'legacy-v1',
    files: {
      'docker-compose.yml': 'web:\n  image: web\n  links: [db]\n  ports: ["80:80"]\ndb:\n  image: postgres\n'
    },
    composeFile: 'docker-compose.yml'
  }
]
