// The way to CEL for every rule: the CEL library (@bufbuild/cel, the Kubernetes libraries on it and
// their protobuf descriptors) costs about 35 ms and 5 MB to load, and most workspaces hold no
// admission policy and no custom rule. It is loaded on the first call, by a `require` that the bundler
// turns into a lazy initialisation of that part of the bundle (cel-engine.ts has the implementation).

import type * as Engine from './cel-engine';

export type { CelProblem, Compiled, EvalResult } from './cel-engine';

let loaded: typeof Engine | undefined;
const engine = (): typeof Engine => (loaded ??= require('./cel-engine') as typeof Engine);

export const compile: typeof Engine.compile = (text, variables) => engine().compile(text, variables);
export const toCel: typeof Engine.toCel = (value) => engine().toCel(value);
export const celText: typeof Engine.celText = (value) => engine().celText(value);
export const celMap: typeof Engine.celMap = (map) => engine().celMap(map);
