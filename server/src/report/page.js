// The folder report's page script (report/html.ts inlines it under the page's nonce), ES5 for any
// browser or webview. No innerHTML: it only toggles, sorts and moves the elements the renderer built;
// in VS Code it asks the panel to open a file at a finding.
(function () {
  'use strict';
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  if (vscode) document.body.classList.add('in-vscode');
  var table = document.getElementById('drafts');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var collator = new Intl.Collator('zh-Hans-CN');
  var current = { key: 'score', dir: 'desc' };

  function cellValue(tr, index, numeric) {
    var v = tr.cells[index].getAttribute('data-v') || '';
    return numeric ? Number(v) : v;
  }
  function sortBy(key, dir) {
    var ths = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var index = -1, numeric = false;
    ths.forEach(function (th, i) {
      var on = th.getAttribute('data-key') === key;
      if (on) { index = i; numeric = th.getAttribute('data-numeric') === 'true'; }
      th.setAttribute('aria-sort', on ? (dir === 'asc' ? 'ascending' : 'descending') : 'none');
      th.classList.toggle('sorted', on);
    });
    if (index < 0) return;
    var sign = dir === 'asc' ? 1 : -1;
    var scoreIndex = 0;
    var sorted = rows.slice().sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var c = numeric ? x - y : collator.compare(x, y);
      return sign * c || cellValue(b, scoreIndex, true) - cellValue(a, scoreIndex, true) || Number(a.getAttribute('data-row')) - Number(b.getAttribute('data-row'));
    });
    sorted.forEach(function (tr) { tbody.appendChild(tr); });
    current = { key: key, dir: dir };
    if (vscode) vscode.setState(Object.assign({}, vscode.getState() || {}, { sort: current }));
  }
  table.tHead.addEventListener('click', function (e) {
    var th = e.target.closest('th');
    if (!th) return;
    var key = th.getAttribute('data-key');
    var numeric = th.getAttribute('data-numeric') === 'true';
    var dir = current.key === key ? (current.dir === 'asc' ? 'desc' : 'asc') : (numeric ? 'desc' : 'asc');
    sortBy(key, dir);
  });
  document.getElementById('reset-sort').addEventListener('click', function () { sortBy('score', 'desc'); });

  // Filters: a row stays when it has a finding of a checked family with a checked severity.
  function checked(name) {
    return Array.prototype.slice.call(document.querySelectorAll('input[name=' + name + ']:checked')).map(function (i) { return i.value; });
  }
  function matches(family, severity, fams, sevs) { return fams.indexOf(family) >= 0 && sevs.indexOf(severity) >= 0; }
  function applyFilter() {
    var fams = checked('family'), sevs = checked('severity');
    var all = fams.length === 4 && sevs.length === 4;
    var shown = 0;
    rows.forEach(function (tr) {
      var kinds = (tr.getAttribute('data-kinds') || '').split(' ').filter(Boolean);
      var keep = all || kinds.some(function (k) { var p = k.split(':'); return matches(p[0], p[1], fams, sevs); });
      tr.classList.toggle('filtered-out', !keep);
      if (keep) shown++;
      Array.prototype.forEach.call(tr.querySelectorAll('.fam-cell'), function (td) {
        td.classList.toggle('dim', fams.indexOf(td.getAttribute('data-family')) < 0);
      });
      Array.prototype.forEach.call(tr.querySelectorAll('.chip[data-severity]'), function (chip) {
        chip.classList.toggle('hidden-sev', sevs.indexOf(chip.getAttribute('data-severity')) < 0);
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('.draft-detail'), function (article) {
      var buttons = article.querySelectorAll('button.finding');
      Array.prototype.forEach.call(buttons, function (b) {
        b.parentNode.classList.toggle('filtered-out', !matches(b.getAttribute('data-family'), b.getAttribute('data-severity'), fams, sevs));
      });
      Array.prototype.forEach.call(article.querySelectorAll('mark.hl'), function (m) {
        var visible = m.getAttribute('data-f').split(' ').some(function (j) {
          var b = buttons[Number(j)];
          return b && matches(b.getAttribute('data-family'), b.getAttribute('data-severity'), fams, sevs);
        });
        m.classList.toggle('muted', !visible);
      });
    });
    document.getElementById('row-count').textContent = all ? '共 ' + rows.length + ' 篇' : '显示 ' + shown + ' / ' + rows.length + ' 篇';
  }
  Array.prototype.forEach.call(document.querySelectorAll('.controls input'), function (i) { i.addEventListener('change', applyFilter); });

  function post(message) { if (vscode) vscode.postMessage(message); }
  function articleOf(i) { return document.getElementById('draft-' + i); }
  function openDraft(i, reveal) {
    rows.forEach(function (tr) { tr.classList.toggle('selected', tr.getAttribute('data-row') === String(i)); });
    Array.prototype.forEach.call(document.querySelectorAll('.draft-detail'), function (a) { a.hidden = a.getAttribute('data-row') !== String(i); });
    document.getElementById('detail-hint').hidden = true;
    var article = articleOf(i);
    if (reveal && article) article.scrollIntoView({ block: 'start' });
  }
  function openInEditor(article, button) {
    var target = { type: 'open', file: article.getAttribute('data-file'), uri: article.getAttribute('data-uri') || undefined };
    if (button) target.range = { start: { line: Number(button.getAttribute('data-line')), character: Number(button.getAttribute('data-char')) }, end: { line: Number(button.getAttribute('data-eline')), character: Number(button.getAttribute('data-echar')) } };
    post(target);
  }
  tbody.addEventListener('click', function (e) {
    var tr = e.target.closest('tr');
    if (!tr) return;
    var i = tr.getAttribute('data-row');
    openDraft(i, true);
    if (vscode) openInEditor(articleOf(i), null);
  });
  tbody.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter') return;
    var tr = e.target.closest('tr');
    if (tr) openDraft(tr.getAttribute('data-row'), true);
  });

  function explain(article, indices, scrollText) {
    Array.prototype.forEach.call(article.querySelectorAll('.explanation'), function (x) { x.hidden = indices.indexOf(x.getAttribute('data-x')) < 0; });
    Array.prototype.forEach.call(article.querySelectorAll('button.finding'), function (b) { b.classList.toggle('active', indices.indexOf(b.getAttribute('data-f')) >= 0); });
    var marks = article.querySelectorAll('mark.hl');
    var first = null;
    Array.prototype.forEach.call(marks, function (m) {
      var on = m.getAttribute('data-f').split(' ').some(function (j) { return indices.indexOf(j) >= 0; });
      m.classList.toggle('active', on);
      if (on && !first) first = m;
    });
    var hint = article.querySelector('.explain-hint');
    if (hint) hint.hidden = indices.length > 0;
    if (scrollText && first) first.scrollIntoView({ block: 'center' });
  }
  document.getElementById('details').addEventListener('click', function (e) {
    var article = e.target.closest('.draft-detail');
    if (!article) return;
    var mark = e.target.closest('mark.hl');
    if (mark && !mark.classList.contains('muted')) { explain(article, mark.getAttribute('data-f').split(' '), false); return; }
    var finding = e.target.closest('button.finding');
    if (finding) {
      explain(article, [finding.getAttribute('data-f')], true);
      if (vscode) openInEditor(article, finding);
      return;
    }
    var locate = e.target.closest('button.open-finding');
    if (locate) { openInEditor(article, article.querySelector('button.finding[data-f="' + locate.getAttribute('data-f') + '"]')); return; }
    if (e.target.closest('button.open-file')) openInEditor(article, null);
  });
  document.getElementById('details').addEventListener('keydown', function (e) {
    var mark = e.target.closest && e.target.closest('mark.hl');
    if (mark && e.key === 'Enter') explain(mark.closest('.draft-detail'), mark.getAttribute('data-f').split(' '), false);
  });

  var state = vscode && vscode.getState();
  if (state && state.sort) sortBy(state.sort.key, state.sort.dir);
  // Tells the editor the page ran (its script was allowed) and how many rows it shows.
  post({ type: 'rendered', rows: rows.length });
})();
