// The Mocha TDD globals the extension-host suites use. Mocha lives in test/editor (not in the
// project's dependencies), so its types are not installed here; these few declarations suffice.

declare function suite(title: string, body: (this: unknown) => void): void;
declare function suiteSetup(body: () => unknown): void;
declare function suiteTeardown(body: () => unknown): void;
declare function setup(body: () => unknown): void;
declare function teardown(body: () => unknown): void;
declare function test(title: string, body: () => unknown): void;
