#!/bin/sh
# The service-account hardening of CIS 5.1.5 and 5.1.6 in team-a's virtual cluster.
# Run it with the virtual cluster's kubeconfig: KUBECONFIG=team-a.kubeconfig sh hardening/apply.sh
# (In the team's Helm chart the same change is serviceAccount.create=true and
# automountServiceAccountToken: false in the web and report templates.)
set -eu
cd "$(dirname "$0")"

# 5.1.5: the default ServiceAccount of every user namespace mounts no token, so a pod that names
# no ServiceAccount gets no credential for the API.
for ns in default team-a; do
  kubectl -n "$ns" patch serviceaccount default -p '{"automountServiceAccountToken": false}'
done

# 5.1.5 and 5.1.6: web runs as a ServiceAccount of its own, and mounts no token (it never calls the API).
kubectl apply -f web-serviceaccount.yaml
kubectl -n team-a patch deployment web --type merge \
  -p '{"spec":{"template":{"spec":{"serviceAccountName":"web","automountServiceAccountToken":false}}}}'

# 5.1.6: the nightly report never calls the API either. (api keeps its token: its ServiceAccount
# is bound to the api-config-reader Role, and it reads its ConfigMap through the API.)
kubectl -n team-a patch cronjob report --type merge \
  -p '{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"automountServiceAccountToken":false}}}}}}'
