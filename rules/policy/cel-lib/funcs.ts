// The functions of the Kubernetes CEL libraries that kube-harden implements, with the extended strings
// library of @bufbuild/cel: what an environment registers.

import type { CelFunc } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { lists } from './lists';
import { regex } from './regex';
import { quantities } from './quantity';
import { ips } from './ip';
import { urls } from './url';
import { semvers } from './semver';
import { optionals } from './optional';
import { formats } from './format';

export const kubernetesFuncs: CelFunc[] = [...strings, ...lists, ...regex, ...quantities, ...ips, ...urls, ...semvers, ...optionals, ...formats];
