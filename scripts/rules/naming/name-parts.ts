// Names the default split cannot handle (one word) need an explicit `nameParts`, and an
// explicit split must use exactly the words of the name. Long names split like short ones: no
// regulation limits a name's length.
import { msg } from '../../i18n.js';
import { foldText } from '../../names/fold.js';
import { nameWords, normaliseParts, partsWords } from '../../names/parse.js';
import { grandfathered } from '../../model/legacy.js';
import { defineRule } from '../define.js';

const key = (words: string[]) => words.map((w) => foldText(w)).sort().join(' ');

export const nameParts = defineRule({
  id: 'name-parts',
  severity: 'error',
  topic: 'personAddress',
  description: msg('Họ, tên đệm, tên tách được từ họ tên', 'The name splits into family, middle and given names'),
  check({ dir }, report) {
    for (const agency of dir.agencies) {
      for (const person of agency.staff) {
        const words = nameWords(person.name);
        if (person.nameParts) {
          const split = partsWords(normaliseParts(person.nameParts));
          if (key(split) !== key(words)) {
            report(person.at.nameParts ?? person.at.self, msg(`nameParts (${split.join(' ')}) không khớp họ tên "${person.name}".`, `nameParts (${split.join(' ')}) do not match the name "${person.name}".`), msg('nameParts phải dùng đúng các chữ của họ tên.', 'nameParts must use exactly the words of the name.'));
          }
        } else if (words.length < 2 && !grandfathered(person)) {
          report(
            person.at.name ?? person.at.self,
            msg(`Không tự tách được họ tên "${person.name}" (${words.length} chữ): cần ghi nameParts.`, `Cannot split the name "${person.name}" (${words.length} words) on its own: add nameParts.`),
            msg('Thêm nameParts: { family: <họ>, middle: [<tên đệm>…], given: <tên> }.', 'Add nameParts: { family: <family>, middle: [<middle>…], given: <given> }.'),
          );
        }
      }
    }
  },
});
