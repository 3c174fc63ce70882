// Preloaded (node --import) into the local stack process by the benchmark only: if the benchmark dies without
// stopping the stack (SIGKILL, a crash), this process is re-parented; it then sends itself SIGTERM, and
// local/start.ts shuts DynamoDB Local and cognito-local down as on Ctrl-C. No Java outlives the bench.
const originalParent = process.ppid;

const timer = setInterval(() => {
  if (process.ppid !== originalParent) {
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }
}, 500);
timer.unref();

export {};
