import type { ClusterRole, ClusterRoleBinding, LabelSelector, ObjectRef, PolicyRule, Role, RoleBinding } from '@kubecis/core';

/** A subject as whoCan reports it. `namespace` is set for ServiceAccounts only. */
export interface SubjectRef {
  readonly kind: 'User' | 'Group' | 'ServiceAccount';
  readonly name: string;
  readonly namespace?: string;
}

/** One policy rule of a role: `rules[index]` of `role`. */
export interface RuleRef {
  readonly rule: PolicyRule;
  readonly index: number;
  /** `rules[2]`, relative to the role that holds the rule. */
  readonly path: string;
  /** The role that holds the rule: the role itself, or for an aggregated role the role it aggregates. */
  readonly role: RoleEntry;
}

/** A Role or ClusterRole of the cluster: from the snapshot, or one of Kubernetes' built-in roles. */
export interface RoleEntry {
  readonly key: string;
  readonly kind: 'Role' | 'ClusterRole';
  /** `null` for ClusterRoles. */
  readonly namespace: string | null;
  readonly name: string;
  readonly ref: ObjectRef;
  /** The snapshot object, or `null` for a built-in role the snapshot does not define. */
  readonly object: Role | ClusterRole | null;
  readonly builtIn: boolean;
  readonly labels: Readonly<Record<string, string>>;
  /** Set for aggregated ClusterRoles: their own `rules` are then ignored, as the aggregation controller overwrites them. */
  readonly aggregationRule: { readonly clusterRoleSelectors: readonly LabelSelector[] } | null;
  /** The rules as written in the object. */
  readonly ownRules: readonly RuleRef[];
  /** The rules the authorizer uses: `ownRules`, or for an aggregated role the union of the rules of every ClusterRole it selects. */
  readonly rules: readonly RuleRef[];
  /** The ClusterRoles an aggregated role selects directly, with the index of the first selector that matched. */
  readonly aggregatedFrom: readonly { readonly role: RoleEntry; readonly selector: number }[];
}

/** One subject of a binding, normalised. */
export interface SubjectEntry {
  readonly kind: 'User' | 'Group' | 'ServiceAccount';
  readonly name: string;
  /** A ServiceAccount's namespace (the binding's own when a RoleBinding leaves it out); `null` otherwise. */
  readonly namespace: string | null;
  readonly index: number;
  /** `subjects[0]`. */
  readonly path: string;
  /** The subject as whoCan reports it. */
  readonly ref: SubjectRef;
}

export interface BindingEntry {
  readonly key: string;
  /** The binding's place in `RbacIndex.bindings` (sorted by kind, namespace and name). */
  readonly position: number;
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  /** `null` for ClusterRoleBindings. */
  readonly namespace: string | null;
  readonly name: string;
  readonly ref: ObjectRef;
  readonly object: RoleBinding | ClusterRoleBinding;
  readonly roleRef: { readonly kind: string; readonly name: string };
  /** The role it references, or `null` when no such role exists. */
  readonly role: RoleEntry | null;
  /** Subjects that can match a request (a ServiceAccount without a namespace in a ClusterRoleBinding matches nothing and is left out). */
  readonly subjects: readonly SubjectEntry[];
}

/** Something about the RBAC objects a person should know: unresolved role references, subjects that match nobody. */
export interface RbacNote {
  readonly severity: 'warning' | 'info';
  readonly message: string;
  readonly object: ObjectRef;
  readonly path: string | null;
}

/** The RBAC index of a snapshot, built once (`rbacIndex(snapshot)`). */
export interface RbacIndex {
  /** Every role, snapshot and built-in, sorted by kind, namespace and name. */
  readonly roles: readonly RoleEntry[];
  /** Every binding of the snapshot, sorted by kind, namespace and name. */
  readonly bindings: readonly BindingEntry[];
  role(kind: 'Role' | 'ClusterRole', namespace: string | null, name: string): RoleEntry | undefined;
  /** The bindings that reference a role. */
  bindingsOf(role: RoleEntry): readonly BindingEntry[];
  /** ClusterRoleBindings. */
  readonly clusterBindings: readonly BindingEntry[];
  /** RoleBindings of one namespace. */
  bindingsIn(namespace: string): readonly BindingEntry[];
  /**
   * The roles whose effective rules name this resource: `combined` (`pods` or `pods/exec`), `*`, or
   * `*\/<subresource>`, sorted like `roles`. A superset of the roles that can grant a request for it.
   */
  rolesNaming(combined: string, subresource: string): readonly RoleEntry[];
  /** The roles with at least one non-resource URL rule. */
  readonly nonResourceRoles: readonly RoleEntry[];
  /** Bindings that name a subject (exactly: a Group binding is found under the group). */
  bindingsFor(subject: SubjectRef): readonly { readonly binding: BindingEntry; readonly subject: SubjectEntry }[];
  readonly notes: readonly RbacNote[];
}
