// Placeholder until the pack's rules land; the pack's owner replaces this file.
import { definePack, type Pack } from '@kubecis/core';

export const pack: Pack = /* @__PURE__ */ definePack({ name: 'rbac', rules: [] });
