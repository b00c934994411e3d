// Schema: the apiVersion of a built-in kind. `kind: Deployment` under `apiVersion: v1` is served by
// no API server (Deployment is `apps/v1`); a kind whose API appears only in a later version than the
// target is not served yet. Removed and deprecated APIs are the deprecation rules' concern.

import { defineRule, isScalar, nodeAt, replaceScalar } from '../../server/src/engine';
import type { Scalar } from '../../server/src/engine';
import { apiVersionsOf, schemaMinor } from './catalog';
import { validate } from './validate';

export default defineRule({
  id: 'schema-kind-api-version',
  meta: {
    title: 'Kinds must be served by their apiVersion',
    description: 'A built-in kind under an apiVersion that does not serve it, or under an API that the target Kubernetes version does not serve yet, is rejected by the API server.',
    category: 'schema',
    severity: 'error',
    equivalents: 'none',
    compliance: 'none',
    kinds: ['*'],
    scope: 'document',
    fix: 'safe',
    messages: {
      wrongApiVersion: '{kind} is not served by {apiVersion}; it is served by {value}',
      tooNew: '{apiVersion} {kind} needs Kubernetes {version}; the target is {target}',
    },
  },
  fixTitles: { wrongApiVersion: 'Change apiVersion to {value}' },
  check(ctx) {
    const { resource } = ctx;
    const validation = validate(resource, ctx.file, ctx.minor, ctx.partial, ctx.workspace);
    const node = nodeAt(resource.doc, resource.root, ['apiVersion']);
    if (!validation || !isScalar(node)) return;
    const data = { kind: resource.kind, apiVersion: resource.apiVersion, target: `1.${ctx.minor}` };
    const set = (apiVersion: string) => () => replaceScalar(node as Scalar, apiVersion);
    if (validation.servedBy) {
      const [expected, ...others] = validation.servedBy;
      // One API serves the kind: that is the one meant. Several (autoscaling/v1 and v2): the user picks.
      const fix = others.length ? undefined : set(expected);
      const suggestions = others.length ? validation.servedBy.map((v) => ({ title: `Change apiVersion to ${v}`, fix: set(v) })) : undefined;
      ctx.report({ node, messageId: 'wrongApiVersion', data: { ...data, value: validation.servedBy.join(' or ') }, fix, suggestions });
      return;
    }
    const first = validation.served[0];
    if (first && first.from > schemaMinor(ctx.minor)) {
      const alternatives = apiVersionsOf(resource.kind, ctx.minor);
      const suggestions = alternatives.map((v) => ({ title: `Change apiVersion to ${v}`, fix: set(v) }));
      ctx.report({ node, messageId: 'tooNew', data: { ...data, version: `1.${first.from}` }, suggestions });
    }
  },
});
