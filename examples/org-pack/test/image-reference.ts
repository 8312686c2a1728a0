import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../src/index.js';

/** Unit tests of the image reference parser the registry rule relies on. */
export function testImageReference(): void {
  describe('parseImageReference', () => {
    it.each([
      ['nginx', 'docker.io', 'library/nginx', null, null],
      ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', null],
      ['bitnami/redis:7', 'docker.io', 'bitnami/redis', '7', null],
      ['docker.io/library/redis:7', 'docker.io', 'library/redis', '7', null],
      ['index.docker.io/library/redis', 'docker.io', 'library/redis', null, null],
      ['registry.acme.example/shop/web:2.1.0', 'registry.acme.example', 'shop/web', '2.1.0', null],
      ['localhost:5000/tool', 'localhost:5000', 'tool', null, null],
      ['localhost/tool:dev', 'localhost', 'tool', 'dev', null],
      ['ghcr.io/acme/api:1@sha256:abc', 'ghcr.io', 'acme/api', '1', 'sha256:abc'],
      ['Registry.Acme.Example/x', 'registry.acme.example', 'x', null, null],
    ])('%s', (reference, registry, repository, tag, digest) => {
      expect(parseImageReference(reference)).toEqual({ registry, repository, tag, digest });
    });

    it.each(['', ' ', 'a b', 'nginx:', 'nginx@', 'registry.acme.example/', '/x', ':1'])('rejects %j', (reference) => {
      expect(parseImageReference(reference)).toBeNull();
    });
  });
}
