// danhba search, shipped as is to the browser (no build step, no framework, no third party).
// The pure part (folding, tokens, matching, ranking) is exposed as `danhbaCore` so Node tests can
// check it against scripts/names/fold.ts and scripts/site/search/records.ts; the page part only
// runs where there is a document. Results are built with DOM APIs (textContent), never innerHTML.
'use strict';
(function (root) {
  // ---- pure core: must stay identical to scripts/names/fold.ts and search/records.ts ----
  var COMBINING = /[\u0300-\u036f]/g;
  var D_LIKE = /[đĐðÐ]/g;
  var U_LIKE = /[ƣƢ]/g;
  var APOSTROPHES = /['\u2019\u02bc]/g;

  function foldText(text) {
    return String(text).normalize('NFD').replace(COMBINING, '').replace(D_LIKE, 'd').replace(U_LIKE, 'u').toLowerCase();
  }

  function foldWords(text) {
    return foldText(text).replace(APOSTROPHES, '').split(/[^a-z0-9]+/).filter(Boolean);
  }

  function localOf(email) {
    var at = email.indexOf('@');
    return at === -1 ? email : email.slice(0, at);
  }

  function unique(list) {
    var seen = Object.create(null);
    var out = [];
    for (var i = 0; i < list.length; i++) if (!seen[list[i]]) { seen[list[i]] = true; out.push(list[i]); }
    return out;
  }

  function recordTokens(rec, agencies) {
    var words = foldWords(rec[1]).concat(foldWords(localOf(rec[2] || '')));
    var agency = agencies[rec[3]];
    if (rec[0] === 1 && agency) words = words.concat(foldWords(agency[1]));
    if (rec[0] === 0 && agency && agency[3] >= 0) words = words.concat(foldWords(agencies[agency[3]][1]));
    return unique(words);
  }

  /** Query → folded words; an address typed in full searches by its local part. */
  function queryWords(query) {
    var q = String(query);
    var at = q.indexOf('@');
    if (at !== -1) q = q.slice(0, at);
    return foldWords(q);
  }

  function startingWith(prefix, manifest) {
    return Object.keys(manifest.keys).filter(function (key) { return key.slice(0, prefix.length) === prefix; });
  }

  /**
   * Keys holding every record with a token equal to `word` (exact) or starting with it (prefix):
   * walk down the split keys as the build filed tokens (see search/shards.ts).
   */
  function keysFor(word, manifest, prefix) {
    var split = manifest.splitSet || (manifest.splitSet = manifest.split.reduce(function (o, k) { o[k] = true; return o; }, Object.create(null)));
    if (prefix && word.length < manifest.keyLength) return startingWith(word, manifest);
    var key = word.slice(0, manifest.keyLength);
    while (split[key] && word.length > key.length) key = word.slice(0, key.length + 1);
    if (prefix && split[key]) return startingWith(word, manifest);
    return manifest.keys[key] ? [key] : [];
  }

  function costOf(keys, manifest) {
    var n = 0;
    for (var i = 0; i < keys.length; i++) n += manifest.keys[keys[i]].reduce(function (a, b) { return a + b; }, 0);
    return n;
  }

  /**
   * The query word whose keys download the fewest records. Every word but the last is a whole
   * word (the user typed past it); the last may be the start of one.
   */
  function cheapestWord(words, manifest) {
    var best = null;
    for (var i = 0; i < words.length; i++) {
      var keys = keysFor(words[i], manifest, i === words.length - 1);
      var cost = costOf(keys, manifest);
      if (!best || cost < best.cost) best = { word: words[i], keys: keys, cost: cost };
    }
    return best;
  }

  /** Tokens and folded name of a record, computed once (records stay in memory between queries). */
  function prepared(rec, agencies) {
    if (!rec.tk) {
      rec.tk = recordTokens(rec, agencies);
      rec.fn = foldWords(rec[1]).join(' ');
    }
    return rec;
  }

  /** Score of a record, or -1 unless every word but the last is one of its tokens and the last starts one. */
  function score(rec, tokens, words) {
    var s = 0;
    var last = words.length - 1;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var best = 0;
      for (var j = 0; j < tokens.length; j++) {
        if (tokens[j] === w) { best = 20; break; }
        if (i === last && best === 0 && tokens[j].slice(0, w.length) === w) best = 5;
      }
      if (best === 0) return -1;
      s += best;
    }
    var name = rec.fn !== undefined ? rec.fn : foldWords(rec[1]).join(' ');
    var phrase = words.join(' ');
    if (name === phrase) s += 1000; // exact name
    else if (name.slice(0, phrase.length) === phrase) s += 200;
    var local = localOf(rec[2] || '');
    if (local && local === words.join('.')) s += 1000; // exact address
    if (rec[0] === 0) s += 300; // agencies first, then units
    else if (rec[0] === 1) s += 150;
    return s;
  }

  function rank(candidates, agencies, words) {
    var out = [];
    for (var i = 0; i < candidates.length; i++) {
      var rec = prepared(candidates[i], agencies);
      var s = score(rec, rec.tk, words);
      if (s >= 0) out.push({ rec: rec, score: s });
    }
    out.sort(function (a, b) { return b.score - a.score || a.rec[0] - b.rec[0] || a.rec[1].localeCompare(b.rec[1], 'vi'); });
    return out;
  }

  var core = { foldText: foldText, foldWords: foldWords, recordTokens: recordTokens, queryWords: queryWords, keysFor: keysFor, cheapestWord: cheapestWord, score: score, rank: rank };
  root.danhbaCore = core;
  if (typeof document === 'undefined') return;

  // ---- page: loads shards as classic scripts (works from file:// and under a strict CSP) ----
  var SHOW = 100; // results rendered
  var LOAD_ALL_UNDER = 6000; // records: below this, load every chunk so ranking is complete
  var me = document.currentScript;
  var base = (me && me.getAttribute('data-index')) || 's/';
  var version = me && me.getAttribute('data-version');
  var chunks = Object.create(null);
  var loading = Object.create(null);
  var manifest = null;
  var agencies = null;
  var generation = 0;

  root.danhbaManifest = function (m) { manifest = m; };
  root.danhbaAgencies = function (a) { agencies = a; };
  root.danhbaChunk = function (name, records) { chunks[name] = records; };

  function load(file) {
    if (!loading[file]) {
      loading[file] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = base + file + (version ? '?v=' + version : '');
        s.onload = function () { resolve(); };
        s.onerror = function () { delete loading[file]; reject(new Error(file)); };
        document.head.appendChild(s);
      });
    }
    return loading[file];
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function fullEmail(email) {
    return email.indexOf('@') === -1 ? email + '@' + manifest.domain : email;
  }

  function agencyHref(rec) {
    var a = agencies[rec[3]];
    var href = 'co-quan/' + encodeURIComponent(a[0]) + '.html';
    return rec[0] === 0 || !rec[2] ? href : href + '#' + encodeURIComponent('m-' + fullEmail(rec[2]));
  }

  var KIND = ['Cơ quan', 'Đơn vị', 'Cá nhân'];

  function resultItem(rec) {
    var li = el('li', 'result');
    var head = el('p', 'result-name');
    var link = el('a', null, rec[1]);
    link.href = agencyHref(rec);
    head.appendChild(link);
    head.appendChild(document.createTextNode(' '));
    head.appendChild(el('span', 'badge', KIND[rec[0]]));
    li.appendChild(head);
    var context = [rec[4], rec[5], rec[0] === 0 ? '' : agencies[rec[3]][1]].filter(Boolean).join(' · ');
    if (context) li.appendChild(el('p', 'result-context', context));
    var contact = el('p', 'result-contact');
    if (rec[2]) {
      var address = fullEmail(rec[2]);
      var at = address.lastIndexOf('@');
      var mail = el('a', null, address);
      mail.href = 'mailto:' + encodeURIComponent(address.slice(0, at)) + '@' + encodeURIComponent(address.slice(at + 1));
      contact.appendChild(mail);
    }
    if (rec[6]) {
      if (rec[2]) contact.appendChild(document.createTextNode(' · '));
      var tel = el('a', null, rec[6]);
      tel.href = 'tel:' + rec[6].replace(/[^0-9+]/g, '');
      contact.appendChild(tel);
    }
    if (contact.firstChild) li.appendChild(contact);
    return li;
  }

  function render(ui, ranked, done, query) {
    var list = el('ol', 'results-list');
    for (var i = 0; i < ranked.length && i < SHOW; i++) list.appendChild(resultItem(ranked[i].rec));
    ui.results.replaceChildren(list);
    var n = ranked.length;
    var text;
    if (n === 0) text = done ? 'Không tìm thấy kết quả nào cho “' + query + '”.' : 'Đang tìm…';
    else if (!done) text = 'Có hơn ' + n + ' kết quả cho “' + query + '”; hiển thị ' + Math.min(n, SHOW) + ' kết quả đầu — gõ thêm để thu hẹp.';
    else if (n > SHOW) text = 'Tìm thấy ' + n + ' kết quả cho “' + query + '”; hiển thị ' + SHOW + ' kết quả đầu — gõ thêm để thu hẹp.';
    else text = 'Tìm thấy ' + n + ' kết quả cho “' + query + '”.';
    ui.status.textContent = text;
    ui.results.hidden = n === 0;
  }

  function setUrl(query) {
    try {
      var url = new URL(root.location.href);
      if (query) url.searchParams.set('q', query);
      else url.searchParams.delete('q');
      root.history.replaceState(null, '', url.toString());
    } catch (e) { /* file:// in some browsers: keep the URL as is */ }
  }

  /** Run a query: resolves with the ranked results once the needed chunks are in. */
  function search(ui, query) {
    var gen = ++generation;
    var words = queryWords(query);
    setUrl(query.trim());
    if (words.length === 0) {
      ui.status.textContent = '';
      ui.results.replaceChildren();
      ui.results.hidden = true;
      return Promise.resolve([]);
    }
    return Promise.all([load('manifest.js'), load('agencies.js')]).then(function () {
      if (gen !== generation) return [];
      var pick = cheapestWord(words, manifest);
      if (pick.word.length < 2 && pick.keys.length > 1) {
        ui.status.textContent = 'Hãy gõ ít nhất 2 chữ cái.';
        return [];
      }
      var files = [];
      pick.keys.forEach(function (key) { manifest.keys[key].forEach(function (_, n) { files.push(key + '-' + n); }); });
      var loadAll = pick.cost <= LOAD_ALL_UNDER;
      var seen = Object.create(null);
      var candidates = [];
      var ranked = [];
      function step(i) {
        if (gen !== generation) return ranked;
        if (i >= files.length || (!loadAll && ranked.length >= SHOW)) {
          render(ui, ranked, i >= files.length, query.trim());
          return ranked;
        }
        // Chunks download in parallel (all of them when the key is small, three ahead otherwise)
        // and are ranked in order as they arrive.
        for (var j = i; j < files.length && j < i + (loadAll ? files.length : 3); j++) load(files[j] + '.js').catch(function () {});
        return load(files[i] + '.js').then(function () {
          var recs = chunks[files[i]] || [];
          for (var r = 0; r < recs.length; r++) {
            var id = recs[r][0] + '|' + recs[r][2] + '|' + recs[r][1] + '|' + recs[r][3];
            if (!seen[id]) { seen[id] = true; candidates.push(recs[r]); }
          }
          ranked = rank(candidates, agencies, words);
          if (gen === generation && (ranked.length > 0 || i + 1 >= files.length)) render(ui, ranked, i + 1 >= files.length, query.trim());
          return step(i + 1);
        });
      }
      return step(0);
    }).catch(function () {
      if (gen === generation) ui.status.textContent = 'Không tải được chỉ mục tìm kiếm. Hãy xem danh sách cơ quan bên dưới.';
      return [];
    });
  }

  function init() {
    var form = document.getElementById('search');
    if (!form) return;
    var ui = { input: document.getElementById('q'), status: document.getElementById('search-status'), results: document.getElementById('results') };
    var timer = null;
    root.danhbaSearch = function (query) { ui.input.value = query; return search(ui, query); };
    form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); search(ui, ui.input.value); });
    ui.input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(ui, ui.input.value); }, 150);
    });
    document.documentElement.classList.add('js');
    var initial = new URL(root.location.href).searchParams.get('q');
    if (initial) { ui.input.value = initial; search(ui, initial); }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})(typeof window !== 'undefined' ? window : globalThis);
