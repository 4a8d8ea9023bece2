/**
 * Runs `then` in the task after the next frame has been drawn: work queued there does not hold up the
 * frame. A page the browser does not draw (hidden) gets no animation frame: then after `latestMs`.
 */
export function afterNextPaint(then: () => void, latestMs = 250): void {
  let ran = false;
  const run = () => {
    if (ran) return;
    ran = true;
    clearTimeout(fallback);
    then();
  };
  const fallback = setTimeout(run, latestMs);
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      run();
    };
    channel.port2.postMessage(null);
  });
}
