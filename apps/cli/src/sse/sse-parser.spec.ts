import { SseParser } from './sse-parser';

const STREAM =
  ': stream open\n\n' +
  'id: 1\nevent: stage.completed\ndata: {"stage":"prd"}\n\n' +
  ': keep-alive\n\n' +
  'id: 2\r\nevent: note\r\ndata: first line\r\ndata:second line\r\ndata: é ✓ 🚀\r\n\r\n' +
  'data: no id or type\r\rid: 3\nevent: end\ndata: {"reason":"project.completed"}\n\n';

const EXPECTED = [
  { type: 'stage.completed', data: '{"stage":"prd"}', lastEventId: '1' },
  { type: 'note', data: 'first line\nsecond line\né ✓ 🚀', lastEventId: '2' },
  { type: 'message', data: 'no id or type', lastEventId: '2' },
  { type: 'end', data: '{"reason":"project.completed"}', lastEventId: '3' },
];

const bytes = new TextEncoder().encode(STREAM);

describe(SseParser.name, () => {
  it('parses a whole stream: ids, types, multi-line data, CRLF/CR/LF, comments', () => {
    const sut = new SseParser();
    expect([...sut.push(bytes), ...sut.end()]).toEqual(EXPECTED);
    expect(sut.lastEventId).toBe('3');
  });

  it('gives the same events for the stream split in two at every byte', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const sut = new SseParser();
      const events = [
        ...sut.push(bytes.slice(0, cut)),
        ...sut.push(bytes.slice(cut)),
        ...sut.end(),
      ];
      expect({ cut, events }).toEqual({ cut, events: EXPECTED });
    }
  });

  it('gives the same events fed one byte at a time (UTF-8 characters and CRLF split)', () => {
    const sut = new SseParser();
    const events = [...bytes].flatMap((byte) => sut.push(Uint8Array.of(byte)));
    expect([...events, ...sut.end()]).toEqual(EXPECTED);
  });

  it('waits for the blank line before dispatching an event', () => {
    const sut = new SseParser();
    expect(sut.push('id: 7\nevent: stage.dispatched\ndata: {}\n')).toEqual([]);
    expect(sut.push('\n')).toEqual([{ type: 'stage.dispatched', data: '{}', lastEventId: '7' }]);
  });

  it('drops an event cut off by the end of the stream, but keeps its id', () => {
    const sut = new SseParser();
    expect([...sut.push('id: 9\ndata: half'), ...sut.end()]).toEqual([]);
    expect(sut.lastEventId).toBe('9');
  });

  it('treats a final CR as a line end when the stream ends', () => {
    const sut = new SseParser();
    expect(sut.push('data: x\r\r')).toEqual([]);
    expect(sut.end()).toEqual([{ type: 'message', data: 'x', lastEventId: '' }]);
  });

  it('follows the spec on edge fields: empty data, no space, unknown fields, ids with NUL', () => {
    const sut = new SseParser();
    const events = sut.push(
      'data\n\ndata:x\nretry: 5\nfoo: bar\n\nid: a\0b\ndata: y\n\nid\ndata: z\n\n',
    );
    expect(events).toEqual([
      { type: 'message', data: '', lastEventId: '' },
      { type: 'message', data: 'x', lastEventId: '' },
      { type: 'message', data: 'y', lastEventId: '' },
      { type: 'message', data: 'z', lastEventId: '' },
    ]);
  });

  it('ignores comment-only traffic (keep-alives) and blank lines without data', () => {
    const sut = new SseParser();
    expect(sut.push(': keep-alive\n\n\n\n: another\n\n')).toEqual([]);
  });

  it('drops a byte order mark at the start', () => {
    const sut = new SseParser();
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('data: x\n\n')]);
    expect(sut.push(withBom)).toEqual([{ type: 'message', data: 'x', lastEventId: '' }]);
  });
});
