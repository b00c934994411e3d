// Preloaded into every test process (test/run.mjs). With --test-force-exit, a test file's process
// exits as soon as its last test ends; on Linux its standard output is a non-blocking pipe, so the
// results still queued for the runner were dropped and a file's last tests vanished from the report
// (fewer tests counted, a failure's name and error lost): nodejs/node#64833. Blocking writes leave
// nothing queued at the exit.
process.stdout._handle?.setBlocking?.(true);
