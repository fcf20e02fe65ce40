// The host side of the embedding contract (docs/embedding.md): a plain script, as a docs site would write it.
(function () {
  'use strict';
  var frame = document.getElementById('lab');
  var params = new URLSearchParams(location.search);
  var lab = new URLSearchParams({ embed: '1', parentOrigin: location.origin });
  ['scenario', 'lesson', 'seed', 't'].forEach(function (k) {
    if (params.has(k)) lab.set(k, params.get(k));
  });
  frame.src = 'index.html?' + lab.toString();

  var log = document.getElementById('events');
  var seen = 0;
  window.addEventListener('message', function (e) {
    // Only the lab's own frame, from this origin, is listened to.
    if (e.source !== frame.contentWindow || e.origin !== location.origin) return;
    var d = e.data;
    if (!d || d.source !== 'reconcile-lab' || d.type !== 'event') return;
    if (d.event === 'resize') {
      frame.style.height = d.height + 'px';
      document.getElementById('height').textContent = d.height + ' px';
    } else if (d.event === 'state') {
      document.getElementById('state').textContent =
        't=' +
        (d.t / 1000).toFixed(1) +
        's ' +
        (d.playing ? 'playing' : 'paused') +
        ' scenario=' +
        d.scenario;
    }
    seen++;
    if (d.event !== 'state' || seen % 10 === 0)
      log.textContent = JSON.stringify(d) + '\n' + log.textContent.slice(0, 4000);
  });

  document.querySelectorAll('[data-command]').forEach(function (b) {
    b.addEventListener('click', function () {
      var msg = { source: 'reconcile-lab', type: 'command', command: b.dataset.command };
      if (b.dataset.t) msg.t = Number(b.dataset.t);
      if (b.dataset.speed) msg.speed = Number(b.dataset.speed);
      frame.contentWindow.postMessage(msg, location.origin);
    });
  });
})();
