import { describe, expect, it } from '@jest/globals'
import { containerPathProblem, imageReferenceProblem } from '../../../src/core/docker-values.js'

describe('imageReferenceProblem', () => {
  it.each([
    'postgres',
    'postgres:15',
    'redis:7-alpine',
    'valkey/valkey:8',
    'library/debian:bookworm-slim',
    'ghcr.io/acme/web:v1.2.3',
    '127.0.0.1:5000/puppies/web:sha-0123456789ab',
    'localhost/web',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com/puppies/web@sha256:' + 'a'.repeat(64),
    'web:latest@sha256:' + '0'.repeat(64),
    '[::1]:5000/web'
  ])('accepts %s', image => {
    expect(imageReferenceProblem(image)).toBeUndefined()
  })

  it.each([
    '-v=/:/hostroot',
    '--privileged',
    '',
    'Postgres:15',
    'postgres 15',
    'postgres:15\n--privileged',
    'web:-tag',
    'web@sha256:short',
    'a'.repeat(600)
  ])('refuses %j', image => {
    expect(imageReferenceProblem(image)).toMatch(/is not an image reference/)
  })
})

describe('containerPathProblem', () => {
  it.each(['/etc/nginx/conf.d', '/var/www/html', '/a b/c'])('accepts %s', containerPath => {
    expect(containerPathProblem(containerPath)).toBeUndefined()
  })

  it.each([
    ['relative', 'cfg', 'must be absolute'],
    ['a mount field', '/cfg,source=/,target=/hostroot', 'may not contain'],
    ['a bind mode', '/cfg:rw', 'may not contain'],
    ['a line break', '/cfg\n--privileged', 'may not contain']
  ])('refuses %s', (_case, containerPath, message) => {
    expect(containerPathProblem(containerPath)).toContain(message)
  })
})
