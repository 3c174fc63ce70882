// Watchdog: kills the emulator processes when the process that started them dies, even by SIGKILL,
// so no Java (DynamoDB Local) or cognito-local is ever left behind. Usage: node reaper.mjs <parentPid> <pid>...
const [parent, ...children] = process.argv.slice(2).map(Number);
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const timer = setInterval(() => {
  const remaining = children.filter(alive);
  if (remaining.length === 0) process.exit(0);
  if (!alive(parent)) {
    for (const pid of remaining) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(0);
  }
}, 300);
timer.unref?.call(timer);
setInterval(() => {}, 1 << 30);
