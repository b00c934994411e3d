// The suggestion that moves a workload off its namespace's `default` ServiceAccount: a new
// ServiceAccount named after the workload, right after it in the same file, and
// `serviceAccountName` set to it. Offered only when the new account would hold none of the
// dangerous permissions (they came through the default account itself, not a group).

import { eolOf, insertDocumentAfter, Resource, setIn, Suggestion, Workload, WorkspaceView } from '../../server/src/engine';
import { WorkloadAccount } from './account';
import { dangerousGrants, grantsOf } from './graph';

function accountText(name: string, namespace: string | null, eol: string): string {
  const lines = ['apiVersion: v1', 'kind: ServiceAccount', 'metadata:', `  name: ${name}`];
  if (namespace) lines.push(`  namespace: ${namespace}`);
  return lines.join(eol) + eol;
}

const dnsName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function moveOffDefault(view: WorkspaceView, resource: Resource, workload: Workload, account: WorkloadAccount): Suggestion[] {
  const name = resource.name;
  if (account.name !== 'default' || !dnsName.test(name) || name === 'default' || !workload.spec) return [];
  const target = { name, namespace: account.namespace };
  if (dangerousGrants(grantsOf(view, target)).length > 0) return [];
  const spec = workload.spec;
  return [
    {
      title: `Run ${resource.kind} "${name}" as a new ServiceAccount "${name}" (assumes it needs none of the default account's permissions)`,
      fix: (file) => {
        const text = accountText(name, account.namespace, eolOf(file.text));
        const setName = setIn({ text: file.text, doc: resource.doc }, spec, ['serviceAccountName'], name);
        const addAccount = insertDocumentAfter(file.text, resource.doc.range[2], text);
        // Both may insert at the document's end; applyEdits puts the later edit of one offset first.
        return [...addAccount, ...setName];
      },
      reveal: true,
    },
  ];
}
