import { z } from 'zod';
import { defineRule, formatPath, type KnownKind, type KubeObject, type Rule } from '@kubecis/core';

export interface RequireTeamLabelOptions {
  label: string;
  teams: string[];
  kinds: string[];
}

/** Acme: every Deployment names the team that owns it, so alerts and cost reports reach someone. */
export const requireTeamLabel: Rule<RequireTeamLabelOptions> = /* @__PURE__ */ defineRule<RequireTeamLabelOptions>({
  id: 'acme/require-team-label',
  meta: {
    title: 'Deployments carry a team label',
    description: 'Every Deployment (or other kind the options list) must carry the team label, with the name of a known team when the options list teams',
    rationale:
      'On-call routing, cost reports and security findings are sent to the team in the label. An object without it has no owner to fix it, and a misspelt team sends the page nowhere.',
    remediation: 'Add the label to the object\'s metadata, for example `acme.example/team: payments`, with the team name as registered in the service catalogue.',
    severity: 'medium',
    type: 'automated',
    controls: {},
    tags: ['ownership', 'labels'],
    messages: {
      missing: '{kind} {namespace}/{name} has no {label} label',
      unknownTeam: '{kind} {namespace}/{name} is labelled {label}={team}, which is not a known team',
      compliant: 'Every {kinds} carries the {label} label ({count} checked)',
    },
    options: /* @__PURE__ */ z
      .strictObject({
        label: z.string().min(1).default('acme.example/team').describe('The label that names the owning team'),
        teams: z.array(z.string().min(1)).default([]).describe('The known teams; empty accepts any non-empty value'),
        kinds: z.array(z.string().min(1)).min(1).default(['Deployment']).describe('The kinds that must carry the label'),
      }),
  },
  *check(snapshot, context) {
    const { label, teams, kinds } = context.options;
    const known = new Set(teams);
    let count = 0;
    let failed = 0;
    for (const kind of new Set(kinds)) {
      for (const object of snapshot.ofKind(kind as KnownKind) as readonly KubeObject[]) {
        count++;
        const ref = snapshot.refOf(object);
        const data = { kind: ref.kind, namespace: ref.namespace ?? '', name: ref.name, label };
        const labels = object.metadata.labels;
        const team = labels?.[label];
        if (team === undefined || team.trim() === '') {
          failed++;
          const path = team !== undefined ? formatPath(['metadata', 'labels', label]) : labels ? 'metadata.labels' : 'metadata';
          yield context.fail({ messageId: 'missing', data, resource: object, path });
        } else if (known.size > 0 && !known.has(team)) {
          failed++;
          yield context.fail({ messageId: 'unknownTeam', data: { ...data, team }, resource: object, path: formatPath(['metadata', 'labels', label]) });
        }
      }
    }
    if (failed === 0) yield context.pass({ messageId: 'compliant', data: { kinds: [...new Set(kinds)].join(', '), label, count } });
  },
});
