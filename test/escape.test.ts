import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageOf } from '../src/errors.js';
import { describeThrown, describeValue } from '../src/measure/child/thrown.js';
import { fitMarkdown, markdownCell } from '../src/reporters/markdown/escape.js';
import { visible } from '../src/text/visible.js';

for (const [text, shown] of [
  ['plain name', 'plain name'],
  ['two\nlines', 'two\\nlines'],
  ['back\rwards\ttab', 'back\\rwards\\ttab'],
  ['red\x1b[31mtext', 'red\\x1b[31mtext'],
  ['nul\x00 del\x7f c1\x9b', 'nul\\x00 del\\x7f c1\\x9b'],
  ['bidi\u202eevil', 'bidi\\u202eevil'],
  ['ünïcödé ✓ 名前', 'ünïcödé ✓ 名前'],
]) {
  test(`visible(${JSON.stringify(text)})`, () => {
    assert.equal(visible(text), shown);
    assert.equal(visible(visible(text)), shown, 'idempotent');
  });
}

for (const [text, shown] of [
  ['a|b\nc', 'a\\|b\\\\nc'],
  ['@someorg/someteam', '@\u2060someorg/someteam'],
  ['fixes #123', 'fixes #\u2060123'],
  ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)>'],
  ['[click](https://example.com)', '[click\\](https://example.com)'],
  ['![x](https://example.com/x.png)', '![x\\](https://example.com/x.png)'],
  ['<!-- hidden', '\\<!-- hidden'],
  ['</details>', '\\</details>'],
  ['**bold** `code` ~~struck~~ _em_ snake_case', '\\*\\*bold\\*\\* \\`code\\` \\~\\~struck\\~\\~ \\_em\\_ snake_case'],
  ['a\\|b', 'a\\\\\\|b'],
  ['p < 0.001, [2.9–7.3×]', 'p < 0.001, [2.9–7.3×]'],
]) {
  test(`markdown shows ${JSON.stringify(text)} as text`, () => {
    assert.equal(markdownCell(text), shown);
  });
}

test('markdown past 65,536 characters is cut at a line, saying how much', () => {
  const line = `${'x'.repeat(99)}\n`;
  const fitted = fitMarkdown(line.repeat(1000));
  assert.ok(fitted.length <= 65_536, String(fitted.length));
  assert.ok(fitted.startsWith(line.repeat(650)));
  assert.match(
    fitted,
    /\n\n\*\*Cut: \d+ more characters\*\* did not fit GitHub's 65536 \(the whole comparison is in the log, and in `--reporter json`\)\.\n$/,
  );
  const kept = fitted.slice(0, fitted.indexOf('\n\n**Cut'));
  assert.equal(Number(/Cut: (\d+)/.exec(fitted)![1]), 100_000 - kept.length);
  assert.equal(fitMarkdown(line), line, 'what fits is left alone');
});

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

for (const [name, make, described] of [
  [
    'an Error',
    () => Object.assign(new Error('boom'), { stack: 'Error: boom\n    at f (file:///s.mjs:1:2)' }),
    'Error: boom (at f (file:///s.mjs:1:2))',
  ],
  ['a string', () => 'just text', 'just text'],
  ['a number', () => 42, '42'],
  ['undefined', () => undefined, 'undefined'],
  ['null', () => null, 'null'],
  ['a Symbol', () => Symbol('why'), 'Symbol(why)'],
  [
    'an object with no prototype',
    () => Object.assign(Object.create(null), { code: 7 }),
    '[Object: null prototype] { code: 7 }',
  ],
  ['a revoked Proxy', revoked, '<Revoked Proxy>'],
  [
    'an object whose getter throws',
    () => ({
      get message() {
        throw new Error('getter');
      },
    }),
    '{ message: [Getter] }',
  ],
] as [string, () => unknown, string][]) {
  test(`describeThrown: ${name}`, () => {
    assert.equal(describeThrown(make()), described);
  });
}

test('messageOf never throws, whatever was thrown', () => {
  assert.equal(messageOf(new Error('boom')), 'boom');
  assert.equal(messageOf(revoked()), '<Revoked Proxy>');
  assert.equal(messageOf(Object.create(null)), '[Object: null prototype] {}');
  const badMessage = Object.defineProperty(new Error('x'), 'message', {
    get() {
      throw new Error('no');
    },
  });
  assert.equal(messageOf(badMessage), 'a thrown Error whose fields throw when read');
  assert.equal(describeValue(Symbol('s')), 'Symbol(s)');
});
