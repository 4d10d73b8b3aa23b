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

  // Short forms of agency names: [joined, pieces, full words without "và"] (search/records.ts).
  var ALIASES = [
    ['ubnd', ['ubnd'], ['uy', 'ban', 'nhan', 'dan']],
    ['hdnd', ['hdnd'], ['hoi', 'dong', 'nhan', 'dan']],
    ['tp', ['tp'], ['thanh', 'pho']],
    ['tx', ['tx'], ['thi', 'xa']],
    ['ldtbxh', ['ld', 'tb', 'xh'], ['lao', 'dong', 'thuong', 'binh', 'xa', 'hoi']],
    ['gddt', ['gd', 'dt'], ['giao', 'duc', 'dao', 'tao']],
    ['khdt', ['kh', 'dt'], ['ke', 'hoach', 'dau', 'tu']],
    ['tnmt', ['tn', 'mt'], ['tai', 'nguyen', 'moi', 'truong']],
    ['khcn', ['kh', 'cn'], ['khoa', 'hoc', 'cong', 'nghe']],
    ['tttt', ['tt', 'tt'], ['thong', 'tin', 'truyen', 'thong']],
    ['gtvt', ['gt', 'vt'], ['giao', 'thong', 'van', 'tai']],
    ['nnptnt', ['nn', 'ptnt'], ['nong', 'nghiep', 'phat', 'trien', 'nong', 'thon']],
    ['vhttdl', ['vh', 'tt', 'dl'], ['van', 'hoa', 'the', 'thao', 'du', 'lich']],
    ['vhtt', ['vh', 'tt'], ['van', 'hoa', 'the', 'thao']],
    ['mttq', ['mttq'], ['mat', 'tran', 'to', 'quoc']]
  ];
  var CONTEXT_STOP = ['so', 'ban', 'uy', 'nhan', 'dan', 'ubnd', 'hdnd', 'hoi', 'dong', 'tinh', 'huyen', 'xa', 'thi', 'tran', 'tp', 'tx', 'thanh', 'pho', 'phuong', 'quan', 'va', 'phong', 'van', 'trung', 'tam', 'cong', 'the', 'tai'];
  var STOP = CONTEXT_STOP.reduce(function (o, w) { o[w] = true; return o; }, Object.create(null));

  function runAt(words, seq, i) {
    for (var j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) return false;
    return true;
  }

  function contains(words, seq) {
    for (var i = 0; i + seq.length <= words.length; i++) if (runAt(words, seq, i)) return true;
    return false;
  }

  var orgMemo = Object.create(null);
  function orgWords(name) {
    return orgMemo[name] || (orgMemo[name] = computeOrgWords(name));
  }

  function computeOrgWords(name) {
    var words = foldWords(name);
    var plain = words.filter(function (w) { return w !== 'va'; });
    var out = words.slice();
    for (var i = 0; i < ALIASES.length; i++) {
      var a = ALIASES[i];
      if (plain.indexOf(a[0]) !== -1 || contains(plain, a[1]) || contains(plain, a[2])) out = out.concat([a[0]], a[1], a[2]);
    }
    return out;
  }

  function canonicalWords(words) {
    var plain = words.filter(function (w) { return w !== 'va'; });
    var out = [];
    for (var i = 0; i < plain.length;) {
      var step = 0;
      for (var k = 0; k < ALIASES.length; k++) {
        var a = ALIASES[k];
        if (a[1].length > 1 && runAt(plain, a[1], i)) step = a[1].length;
        else if (runAt(plain, a[2], i)) step = a[2].length;
        if (step) { out.push(a[0]); break; }
      }
      if (!step) out.push(plain[i++]);
      else i += step;
    }
    return out;
  }

  function phoneToken(phone) {
    if (!phone) return '';
    var digits = String(phone).replace(/[^0-9]/g, '');
    if (/^\s*(\+|00)/.test(phone)) return digits.replace(/^0*84/, '');
    return digits.replace(/^0/, '');
  }

  function contextWords(rec, agencies) {
    var agency = agencies[rec[3]];
    if (!agency) return [];
    if (rec[0] === 0) return agency[3] >= 0 ? orgWords(agencies[agency[3]][1]) : [];
    return orgWords(agency[1]);
  }

  function matchTokens(rec, agencies) {
    var own = rec[0] === 2 ? foldWords(rec[1]) : orgWords(rec[1]);
    var words = own.concat(foldWords(localOf(rec[2] || '')), foldWords(rec[4] || ''), contextWords(rec, agencies));
    var phone = phoneToken(rec[6]);
    if (phone) words.push(phone);
    return unique(words);
  }

  function recordTokens(rec, agencies) {
    var all = matchTokens(rec, agencies);
    if (rec[0] !== 2) return all;
    var own = Object.create(null);
    foldWords(rec[1]).concat(foldWords(localOf(rec[2] || '')), foldWords(rec[4] || ''), [phoneToken(rec[6])]).forEach(function (w) { own[w] = true; });
    return all.filter(function (t) { return own[t] || !STOP[t]; });
  }

  /**
   * Query → folded words. An address typed in full searches by its local part; a phone number in
   * any spacing, with or without +84 or the trunk 0, becomes the digits its records are filed by.
   */
  function queryWords(query) {
    var q = String(query);
    if (/^[\s0-9+().\-]+$/.test(q) && /[0-9]{2}/.test(q.replace(/[^0-9]/g, ''))) {
      var digits = phoneToken(q.trim());
      return digits ? [digits] : [];
    }
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
    for (var i = 0; i < keys.length; i++) n += manifest.keys[keys[i]];
    return n;
  }

  /** Chunk file names of a key: its records in chunks of `manifest.chunkSize`. */
  function chunksOf(key, manifest) {
    var out = [];
    for (var n = 0; n * manifest.chunkSize < manifest.keys[key]; n++) out.push(key + '-' + n);
    return out;
  }

  /**
   * The file (without ".js") holding a chunk: its own, or the pack of its key. Small keys of one
   * chunk share a pack; manifest.packs lists each pack's first and last key, in key order.
   */
  function fileOf(chunk, manifest) {
    var packs = manifest.packs || [];
    var cut = chunk.lastIndexOf('-');
    if (chunk.slice(cut + 1) !== '0') return chunk;
    var key = chunk.slice(0, cut);
    var lo = 0;
    var hi = packs.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (packs[mid][0] <= key) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi >= 0 && key <= packs[hi][1] ? '_' + hi : chunk;
  }

  /** A word that is, or starts, a generic agency word: people are not filed under those. */
  function stopLike(word) {
    for (var i = 0; i < CONTEXT_STOP.length; i++) if (CONTEXT_STOP[i].slice(0, word.length) === word) return true;
    return false;
  }

  /**
   * The query word whose keys download the fewest records. Any word may be the start of a token
   * (partial words anywhere). A generic agency word is picked only when every word is one: a
   * person at "Sở Tài chính" is not filed under "so".
   */
  function cheapestWord(words, manifest) {
    var usable = words.filter(function (w) { return !stopLike(w); });
    if (usable.length === 0) usable = words;
    var best = null;
    for (var i = 0; i < usable.length; i++) {
      var keys = keysFor(usable[i], manifest, true);
      var cost = costOf(keys, manifest);
      if (!best || cost < best.cost) best = { word: usable[i], keys: keys, cost: cost };
    }
    return best;
  }

  function setOf(list) {
    var o = Object.create(null);
    for (var i = 0; i < list.length; i++) o[list[i]] = true;
    return o;
  }

  /** What ranking needs of a record, computed once (records stay in memory between queries). */
  function prepared(rec, agencies) {
    if (!rec.tk) {
      rec.tk = matchTokens(rec, agencies);
      var name = rec[0] === 2 ? foldWords(rec[1]) : orgWords(rec[1]);
      rec.nw = setOf(name);
      rec.fw = foldWords(rec[1]);
      rec.fn = rec.fw.join(' ');
      rec.cn = canonicalWords(foldWords(rec[1])).join(' ');
      var title = foldWords(rec[4] || '');
      rec.tw = setOf(title);
      rec.tl = title;
      rec.cw = setOf(contextWords(rec, agencies));
      rec.ph = phoneToken(rec[6]);
    }
    return rec;
  }

  /**
   * Score of a record, or -1 unless every word equals or starts one of its tokens. Tiers, best
   * first: exact address (or phone), exact name (short forms counted equal), title in agency
   * (every word in the person's title or agency name), every word whole, some word partial.
   */
  function score(rec, tokens, words) {
    var whole = 0, partial = 0, nameHits = 0, titleHits = 0, contextHits = 0, outsideContext = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var found = 0;
      for (var j = 0; j < tokens.length; j++) {
        if (tokens[j] === w) { found = 2; break; }
        if (found === 0 && tokens[j].slice(0, w.length) === w) found = 1;
      }
      if (found === 0) return -1;
      if (found === 1) { partial++; continue; }
      whole++;
      if (rec.nw && rec.nw[w]) nameHits++;
      else {
        if (!(rec.cw && rec.cw[w])) outsideContext++;
        if (rec.tw && rec.tw[w]) titleHits++;
        else if (rec.cw && rec.cw[w]) contextHits++;
      }
    }
    var local = localOf(rec[2] || '');
    var phrase = words.join(' ');
    var tier;
    if ((local && local === words.join('.')) || (words.length === 1 && rec.ph && rec.ph === words[0])) tier = 5;
    else if (rec.cn !== undefined && rec.cn === canonicalWords(words).join(' ')) tier = 4;
    else if (rec[0] === 2 && partial === 0 && nameHits === 0 && titleHits > 0 && titleHits + contextHits === words.length) tier = 3;
    else if (partial === 0) tier = 2;
    else tier = 1;
    var s = tier * 100000 + nameHits * 20 + whole * 5;
    // "minh so tai chinh": the words that are not the name are the agency's, not a title's.
    if (rec[0] === 2 && nameHits > 0 && nameHits < words.length && outsideContext === 0 && partial === 0) s += 100;
    if (nameHits === words.length) s += 150; // every word in the record's own name
    else if (partial > 0 && rec.fw && startsWords(rec.fw, words)) s += rec.fw.length === words.length ? 300 : 150; // "ngu va minh": Nguyễn Văn Minh
    if (tier === 3 && rec.tl && rec.tl.every(function (t) { return words.indexOf(t) !== -1; })) s += 50; // the whole title: Giám đốc before Phó Giám đốc
    if (rec.fn !== undefined && rec.fn.slice(0, phrase.length) === phrase) s += 10;
    s += (2 - rec[0]) * 3; // agencies, then units, then people
    return s;
  }

  /** Each query word starts the name's word at the same place ("ngu va mi" → Nguyễn Văn Minh…). */
  function startsWords(nameWords, words) {
    if (nameWords.length < words.length) return false;
    for (var i = 0; i < words.length; i++) if (nameWords[i].slice(0, words[i].length) !== words[i]) return false;
    return true;
  }

  function rank(candidates, agencies, words) {
    var out = [];
    for (var i = 0; i < candidates.length; i++) {
      var rec = prepared(candidates[i], agencies);
      var s = score(rec, rec.tk, words);
      if (s >= 0) out.push({ rec: rec, score: s });
    }
    out.sort(function (a, b) { return b.score - a.score || a.rec[1].localeCompare(b.rec[1], 'vi'); });
    return out;
  }

  /** The chunk of `key` whose names are where `phrase` sorts (manifest.bounds): downloaded first. */
  function firstChunk(key, phrase, manifest) {
    var bounds = (manifest.bounds && manifest.bounds[key]) || [];
    var n = 0;
    while (n < bounds.length && bounds[n] <= phrase) n++;
    return n;
  }

  var core = { foldText: foldText, foldWords: foldWords, orgWords: orgWords, canonicalWords: canonicalWords, phoneToken: phoneToken, matchTokens: matchTokens, recordTokens: recordTokens, queryWords: queryWords, keysFor: keysFor, cheapestWord: cheapestWord, chunksOf: chunksOf, fileOf: fileOf, firstChunk: firstChunk, score: score, rank: rank };
  root.danhbaCore = core;
  if (typeof document === 'undefined') return;

  // ---- page: loads shards as classic scripts (works from file:// and under a strict CSP) ----
  var SHOW = 100; // results rendered
  var LOAD_ALL_UNDER = 6000; // records: below this, load every chunk so ranking is complete
  var MAX_CHUNKS = 16; // above it, chunks read before settling for weaker results

  /** Results whose every word is in the name (score from the 150/300 bonuses of `score`). */
  function strong(ranked) {
    var n = 0;
    for (var i = 0; i < ranked.length && ranked[i].score % 100000 >= 150; i++) n++;
    return n;
  }
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
  // For the benchmark and tests: the search files requested so far.
  root.danhbaLoaded = function () { return Object.keys(loading); };

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

  /** Same as format.ts telHref: international form, or local with phone-context. */
  function telHref(phone) {
    var t = String(phone).trim();
    var d = t.replace(/[^0-9]/g, '');
    if (t.charAt(0) === '+') return 'tel:+' + d;
    if (d.slice(0, 2) === '00') return 'tel:+' + d.slice(2);
    if (d.charAt(0) === '0') return 'tel:+84' + d.slice(1);
    return 'tel:' + d + ';phone-context=+84';
  }

  /** An address that wraps after its dots and before its @, never mid-word (like format.ts breakableAddress). */
  function breakable(parent, text) {
    var parts = String(text).split(/(?=@)|(?<=\.)/);
    for (var i = 0; i < parts.length; i++) {
      if (i) parent.appendChild(document.createElement('wbr'));
      parent.appendChild(document.createTextNode(parts[i]));
    }
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

  /** The page holding the record: an agency split by unit (agencies[i][4]) has one page per unit. */
  function agencyHref(rec) {
    var a = agencies[rec[3]];
    var href = 'co-quan/' + encodeURIComponent(a[0]) + '.html';
    if (a[4] && rec[0] !== 0) href = 'co-quan/' + encodeURIComponent(a[0]) + '/' + encodeURIComponent(rec[7] || '_khac') + '.html';
    return rec[0] === 0 || !rec[2] ? href : href + '#' + encodeURIComponent('m-' + fullEmail(rec[2]));
  }

  var EN = document.documentElement.lang === 'en';
  var KIND = EN ? ['Agency', 'Unit', 'Person'] : ['Cơ quan', 'Đơn vị', 'Cá nhân'];
  var SEP = EN ? ',' : '.';

  function num(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, SEP);
  }

  var MSG = EN ? {
    none: function (q) { return 'Nothing found for “' + q + '”.'; },
    searching: 'Searching…',
    more: function (n, q, shown) { return 'More than ' + num(n) + ' results for “' + q + '”; showing the first ' + num(shown) + ' — type more to narrow down.'; },
    many: function (n, q, shown) { return num(n) + ' results for “' + q + '”; showing the first ' + num(shown) + ' — type more to narrow down.'; },
    found: function (n, q) { return num(n) + (n === 1 ? ' result' : ' results') + ' for “' + q + '”.'; },
    short: 'Type at least 2 letters.',
    failed: 'The search index could not be loaded. Browse the agencies below.'
  } : {
    none: function (q) { return 'Không tìm thấy kết quả nào cho “' + q + '”.'; },
    searching: 'Đang tìm…',
    more: function (n, q, shown) { return 'Có hơn ' + num(n) + ' kết quả cho “' + q + '”; hiển thị ' + num(shown) + ' kết quả đầu — gõ thêm để thu hẹp.'; },
    many: function (n, q, shown) { return 'Tìm thấy ' + num(n) + ' kết quả cho “' + q + '”; hiển thị ' + num(shown) + ' kết quả đầu — gõ thêm để thu hẹp.'; },
    found: function (n, q) { return 'Tìm thấy ' + num(n) + ' kết quả cho “' + q + '”.'; },
    short: 'Hãy gõ ít nhất 2 chữ cái.',
    failed: 'Không tải được chỉ mục tìm kiếm. Hãy xem danh sách cơ quan bên dưới.'
  };

  function resultItem(rec) {
    var li = el('li', 'result');
    var head = el('p', 'result-name');
    var link = el('a', null, rec[1]);
    link.href = agencyHref(rec);
    head.appendChild(link);
    head.appendChild(document.createTextNode(' '));
    head.appendChild(el('span', 'badge', KIND[rec[0]]));
    li.appendChild(head);
    // A commune shows its district: two "UBND xã Hương Phong" are told apart.
    var a = agencies[rec[3]];
    var context = [rec[4], rec[5], rec[0] === 0 ? (a[3] >= 0 ? agencies[a[3]][1] : '') : a[1]].filter(Boolean).join(' · ');
    if (context) li.appendChild(el('p', 'result-context', context));
    var contact = el('p', 'result-contact');
    if (rec[2]) {
      var address = fullEmail(rec[2]);
      var at = address.lastIndexOf('@');
      var mail = el('a');
      breakable(mail, address);
      mail.href = 'mailto:' + encodeURIComponent(address.slice(0, at)) + '@' + encodeURIComponent(address.slice(at + 1));
      contact.appendChild(mail);
    }
    if (rec[6]) {
      if (rec[2]) contact.appendChild(document.createTextNode(' · '));
      var tel = el('a', null, rec[6]);
      tel.href = telHref(rec[6]);
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
    if (n === 0) text = done ? MSG.none(query) : MSG.searching;
    else if (!done) text = MSG.more(n, query, Math.min(n, SHOW));
    else if (n > SHOW) text = MSG.many(n, query, SHOW);
    else text = MSG.found(n, query);
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
        ui.status.textContent = MSG.short;
        return [];
      }
      var files = [];
      pick.keys.forEach(function (key) { files = files.concat(chunksOf(key, manifest)); });
      // The chunk where the typed name sorts comes first, alone: its results show while the rest loads.
      var first = pick.keys[0] + '-' + firstChunk(pick.keys[0], words.join(' '), manifest);
      files = [first].concat(files.filter(function (f) { return f !== first; }));
      var loadAll = pick.cost <= LOAD_ALL_UNDER;
      var seen = Object.create(null);
      var candidates = [];
      var ranked = [];
      var trace = root.danhbaTrace = { query: query, started: performance.now(), requested: [], firstFiles: -1, firstMs: -1 };
      function request(file) {
        if (!loading[file]) trace.requested.push(file);
        return load(file);
      }
      function step(i) {
        if (gen !== generation) return ranked;
        // A large key stops once a page of results is in: of strong ones (every word in the
        // name), or of any after MAX_CHUNKS chunks.
        if (i >= files.length || (!loadAll && (strong(ranked) >= SHOW || (i >= MAX_CHUNKS && ranked.length >= SHOW)))) {
          render(ui, ranked, i >= files.length, query.trim());
          return ranked;
        }
        // After the first chunk, the others download in parallel (all of them when the key is
        // small, three ahead otherwise) and are ranked in order as they arrive.
        if (i > 0) for (var j = i; j < files.length && j < i + (loadAll ? files.length : 3); j++) request(fileOf(files[j], manifest) + '.js').catch(function () {});
        return request(fileOf(files[i], manifest) + '.js').then(function () {
          var recs = chunks[files[i]] || [];
          for (var r = 0; r < recs.length; r++) {
            var id = recs[r][0] + '|' + recs[r][2] + '|' + recs[r][1] + '|' + recs[r][3];
            if (!seen[id]) { seen[id] = true; candidates.push(recs[r]); }
          }
          ranked = rank(candidates, agencies, words);
          if (gen === generation && (ranked.length > 0 || i + 1 >= files.length)) {
            render(ui, ranked, i + 1 >= files.length, query.trim());
            if (ranked.length > 0 && trace.firstFiles < 0) { trace.firstFiles = trace.requested.length; trace.firstMs = performance.now() - trace.started; }
          }
          return step(i + 1);
        });
      }
      return step(0);
    }).catch(function () {
      if (gen === generation) ui.status.textContent = MSG.failed;
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
