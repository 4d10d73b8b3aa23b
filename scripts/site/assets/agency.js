// danhba agency pages: a copy button and a vCard download for every person, added by script so
// the page stays plain HTML (and small) without JavaScript. No framework, no third party; the
// card is built from the row's own cells and escaped as RFC 6350 requires.
'use strict';
(function () {
  var EN = document.documentElement.lang === 'en';
  var L = EN
    ? { copy: 'Copy address', copied: 'Copied', vcard: 'vCard', of: ' of ' }
    : { copy: 'Sao chép địa chỉ', copied: 'Đã sao chép', vcard: 'vCard', of: ' của ' };

  function esc(v) {
    return String(v).replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');
  }

  function text(cell) {
    return cell ? cell.textContent.trim() : '';
  }

  function card(row, agency) {
    var cells = row.querySelectorAll('th, td');
    var name = text(cells[0]);
    var words = name.split(/\s+/);
    var tel = row.querySelector('a[href^="tel:"]');
    var mail = row.querySelector('a[href^="mailto:"]');
    var lines = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:' + esc(name), 'N:' + esc(words.length > 1 ? words[0] : '') + ';' + esc(words[words.length - 1]) + ';' + esc(words.slice(1, -1).join(' ')) + ';;', 'ORG:' + esc(agency)];
    if (text(cells[1])) lines.push('TITLE:' + esc(text(cells[1])));
    if (tel) lines.push('TEL;TYPE=WORK,VOICE:' + esc(tel.getAttribute('href').slice(4).split(';')[0]));
    if (mail) lines.push('EMAIL;TYPE=INTERNET,WORK:' + esc(mail.textContent.trim()));
    lines.push('END:VCARD');
    return lines.join('\r\n') + '\r\n';
  }

  function button(label, hidden) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'row-action';
    b.textContent = label;
    var h = document.createElement('span');
    h.className = 'visually-hidden';
    h.textContent = hidden;
    b.appendChild(h);
    return b;
  }

  function init() {
    var h1 = document.querySelector('h1');
    var agency = h1 ? h1.textContent.replace(/\s+/g, ' ').trim() : '';
    var rows = document.querySelectorAll('table.staff tbody tr[id^="m-"]');
    for (var i = 0; i < rows.length; i++) {
      (function (row) {
        var mail = row.querySelector('a[href^="mailto:"]');
        var cells = row.querySelectorAll('td');
        if (!mail || !cells.length) return;
        var name = text(row.querySelector('th'));
        var last = cells[cells.length - 1];
        var copy = button(L.copy, L.of + name);
        copy.addEventListener('click', function () {
          var address = mail.textContent.trim();
          var done = function () { copy.firstChild.nodeValue = L.copied; };
          if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(address).then(done, function () {});
        });
        var vcard = button(L.vcard, L.of + name);
        vcard.addEventListener('click', function () {
          var blob = new Blob([card(row, agency)], { type: 'text/vcard;charset=utf-8' });
          var a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = (mail.textContent.trim().split('@')[0] || 'danh-ba') + '.vcf';
          document.body.appendChild(a);
          a.click();
          setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        });
        last.appendChild(copy);
        last.appendChild(vcard);
      })(rows[i]);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
