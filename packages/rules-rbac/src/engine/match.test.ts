import { describe, expect, it } from 'vitest';
import { nonResourceURLMatches, normaliseResource, resourceMatches, ruleAllows, type AccessRequest } from './match.js';

const rule = (verbs: string[], apiGroups: string[] | undefined, resources: string[] | undefined, resourceNames?: string[]) => ({
  verbs,
  ...(apiGroups ? { apiGroups } : {}),
  ...(resources ? { resources } : {}),
  ...(resourceNames ? { resourceNames } : {}),
});

describe('ruleAllows (resource requests)', () => {
  const cases: [string, ReturnType<typeof rule>, AccessRequest, boolean][] = [
    ['exact verb, group, resource', rule(['get'], [''], ['secrets']), { verb: 'get', resource: 'secrets' }, true],
    ['other verb', rule(['get'], [''], ['secrets']), { verb: 'list', resource: 'secrets' }, false],
    ['* verb', rule(['*'], [''], ['secrets']), { verb: 'watch', resource: 'secrets' }, true],
    ['* verb matches any made-up verb', rule(['*'], [''], ['secrets']), { verb: 'get,list,watch', resource: 'secrets' }, true],
    ['verbs are case-sensitive', rule(['GET'], [''], ['secrets']), { verb: 'get', resource: 'secrets' }, false],
    ['* group', rule(['get'], ['*'], ['secrets']), { verb: 'get', resource: 'secrets' }, true],
    ['pods in apps do not grant core pods', rule(['create'], ['apps'], ['pods']), { verb: 'create', resource: 'pods' }, false],
    ['core pods do not grant apps pods', rule(['create'], [''], ['pods']), { verb: 'create', apiGroup: 'apps', resource: 'pods' }, false],
    ['no apiGroups matches nothing', rule(['get'], undefined, ['secrets']), { verb: 'get', resource: 'secrets' }, false],
    ['no resources matches nothing', rule(['get'], [''], undefined), { verb: 'get', resource: 'secrets' }, false],
    ['* resource', rule(['get'], [''], ['*']), { verb: 'get', resource: 'secrets' }, true],
    ['* resource covers subresources', rule(['create'], [''], ['*']), { verb: 'create', resource: 'pods', subresource: 'exec' }, true],
    ['*/scale matches scale of anything', rule(['update'], ['apps'], ['*/scale']), { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale' }, true],
    ['*/scale does not match the resource', rule(['update'], ['apps'], ['*/scale']), { verb: 'update', apiGroup: 'apps', resource: 'deployments' }, false],
    ['*/scale does not match another subresource', rule(['update'], ['apps'], ['*/scale']), { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'status' }, false],
    ['*/scale does not match a longer subresource', rule(['update'], ['apps'], ['*/scale']), { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'rescale' }, false],
    ['secrets/* is a literal: no secrets', rule(['get'], [''], ['secrets/*']), { verb: 'get', resource: 'secrets' }, false],
    ['secrets/* is a literal: no subresource', rule(['get'], [''], ['secrets/*']), { verb: 'get', resource: 'secrets', subresource: 'status' }, false],
    ['pods/* does not grant pods/exec', rule(['create'], [''], ['pods/*']), { verb: 'create', resource: 'pods', subresource: 'exec' }, false],
    ['pods does not grant pods/exec', rule(['create'], [''], ['pods']), { verb: 'create', resource: 'pods', subresource: 'exec' }, false],
    ['pods/exec does not grant pods', rule(['create'], [''], ['pods/exec']), { verb: 'create', resource: 'pods' }, false],
    ['pods/exec grants pods/exec', rule(['create'], [''], ['pods/exec']), { verb: 'create', resource: 'pods', subresource: 'exec' }, true],
    ['resourceNames allow the named object', rule(['get'], [''], ['secrets'], ['a']), { verb: 'get', resource: 'secrets', name: 'a' }, true],
    ['resourceNames deny other names', rule(['get'], [''], ['secrets'], ['a']), { verb: 'get', resource: 'secrets', name: 'b' }, false],
    ['resourceNames deny nameless requests', rule(['list'], [''], ['secrets'], ['a']), { verb: 'list', resource: 'secrets' }, false],
    ['resourceNames * is a literal name', rule(['get'], [''], ['secrets'], ['*']), { verb: 'get', resource: 'secrets', name: 'b' }, false],
    ['empty resourceNames allow all names', rule(['get'], [''], ['secrets'], []), { verb: 'get', resource: 'secrets', name: 'b' }, true],
  ];
  it.each(cases)('%s', (_name, r, request, expected) => {
    expect(ruleAllows(r, request)).toBe(expected);
  });
});

describe('nonResourceURLMatches', () => {
  const r = (urls: string[]) => ({ verbs: ['get'], nonResourceURLs: urls });
  it.each([
    [['*'], '/metrics', true],
    [['/metrics'], '/metrics', true],
    [['/metrics'], '/metrics/slis', false],
    [['/metrics*'], '/metrics/slis', true],
    [['/healthz/*'], '/healthz/etcd', true],
    [['/healthz/*'], '/healthz', false],
    [['/api**'], '/apis', true],
    [[], '/metrics', false],
  ] as [string[], string, boolean][])('%j vs %s', (urls, path, expected) => {
    expect(nonResourceURLMatches(r(urls), path)).toBe(expected);
  });

  it('a resource rule never grants a non-resource URL and the reverse', () => {
    expect(ruleAllows({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verb: 'get', nonResourceURL: '/metrics' })).toBe(false);
    expect(ruleAllows({ verbs: ['*'], nonResourceURLs: ['*'] }, { verb: 'get', resource: 'pods' })).toBe(false);
  });
});

describe('helpers', () => {
  it('resourceMatches needs a subresource for */x', () => {
    expect(resourceMatches({ verbs: [], resources: ['*/'] }, 'pods', '')).toBe(false);
  });
  it('normaliseResource splits combined names unless a subresource is given', () => {
    expect(normaliseResource('pods/exec', undefined)).toEqual({ resource: 'pods', subresource: 'exec' });
    expect(normaliseResource('pods', 'log')).toEqual({ resource: 'pods', subresource: 'log' });
    expect(normaliseResource('pods', undefined)).toEqual({ resource: 'pods', subresource: '' });
  });
});
