import { sseParser } from './sse-parser';

describe(sseParser.name, () => {
  it('assembles events split across chunks, skipping comments', () => {
    const feed = sseParser();
    expect(feed(': keep-alive\n\nid: 1\nevent: stage.sta')).toEqual([]);
    expect(feed('rted\ndata: {"a":1}\n')).toEqual([]);
    expect(feed('\nid: 2\r\nevent: end\r\ndata: {}\r\n\r\n')).toEqual([
      { id: '1', event: 'stage.started', data: '{"a":1}' },
      { id: '2', event: 'end', data: '{}' },
    ]);
  });

  it('joins multi-line data, defaults the type to message and keeps the last id', () => {
    const feed = sseParser();
    expect(feed('id: 7\ndata: one\ndata:two\n\ndata: three\n\n')).toEqual([
      { id: '7', event: 'message', data: 'one\ntwo' },
      { id: '7', event: 'message', data: 'three' },
    ]);
  });

  it('dispatches nothing for a block without data', () => {
    expect(sseParser()('event: ping\n\n')).toEqual([]);
  });
});
