/**
 * The workbook reader's XML scanner against saxes, a general XML parser: the same events for
 * well-formed parts however the text is split into chunks, and damage wherever saxes finds it.
 */
import { SaxesParser } from 'saxes';
import { XmlDamaged, XmlScanner, type ScanSink } from '../src/xlsx/scan';

type Event = [string, string, Record<string, string>?];

/** Events with adjacent texts joined, as a reader sees them. */
function push(events: Event[], event: Event): void {
  const last = events[events.length - 1];
  if (event[0] === 'text' && last?.[0] === 'text') last[1] += event[1];
  else if (event[0] !== 'text' || event[1] !== '') events.push(event);
}

function bySaxes(xml: string): Event[] {
  const events: Event[] = [];
  const parser = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  parser.on('opentag', (tag) => {
    depth++;
    push(events, ['open', tag.name, { ...(tag.attributes as Record<string, string>) }]);
  });
  parser.on('closetag', (tag) => {
    depth--;
    push(events, ['close', tag.name]);
  });
  parser.on('text', (t) => depth > 0 && push(events, ['text', t]));
  parser.on('cdata', (t) => push(events, ['text', t]));
  parser.on('error', (e) => {
    throw e;
  });
  parser.write(xml).close();
  return events;
}

function sink(events: Event[], plainCells = false): ScanSink {
  return {
    wantsAttributes: () => true,
    open: (name, a) => push(events, ['open', name, { ...a }]),
    close: (name) => push(events, ['close', name]),
    text: (t) => push(events, ['text', t]),
    ...(plainCells
      ? {
          cell: (ref, s, t, v) => {
            push(events, ['open', 'c', { r: ref, ...(s === undefined ? {} : { s }), ...(t === undefined ? {} : { t }) }]);
            if (v !== undefined) {
              push(events, ['open', 'v', {}]);
              push(events, ['text', v]);
              push(events, ['close', 'v']);
            }
            push(events, ['close', 'c']);
          },
        }
      : {}),
  };
}

function byScanner(chunks: string[], plainCells = false): Event[] {
  const events: Event[] = [];
  const scanner = new XmlScanner(sink(events, plainCells));
  for (const chunk of chunks) scanner.write(chunk);
  scanner.end();
  return events;
}

/** Every way of cutting the text in two, and in pieces of each length up to `most`. */
function splits(xml: string, most = 7): string[][] {
  const out: string[][] = [[xml]];
  for (let i = 1; i < xml.length; i++) out.push([xml.slice(0, i), xml.slice(i)]);
  for (let size = 1; size <= most; size++) out.push(Array.from({ length: Math.ceil(xml.length / size) }, (_, i) => xml.slice(i * size, (i + 1) * size)));
  return out;
}

const WELL_FORMED = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="m"><sheetData><row r="1"><c r="A1" s="2" t="s"><v>0</v></c><c r="B1"/></row></sheetData></worksheet>',
  "<a x = 'y' z=\"&lt;&amp;&#65;&#x1F600;\"><b/>text &gt; more<![CDATA[<raw> & ]]></a>",
  '<x:a xmlns:x="u" x:r="1"><x:b>one&#10;two</x:b><!-- a comment --><?pi data?></x:a >',
  '<a t="tab\there\r\nline">line\r\nend\rx</a>',
  '<søjle navn="æøå">Ærø &apos;ø&quot;</søjle>',
  '<row><c r="A1"><f>SUM(B1:B2)</f><v>3</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c><c r="C1" s="1" t="str" cm="1"><v>&amp;</v></c></row>',
  '<row><c r="A1" s="10" t="n"><v>-1.5E-3</v></c><c r="XFD1048576" t="b"><v>1</v></c><c r="B2"></c></row>',
];

const DAMAGED = [
  '<a><b></a></b>',
  '<a x=y/>',
  '<a x="1" x="2"/>',
  '<a>&nbsp;</a>',
  '<a>AT&T</a>',
  '<a>&#0;</a>',
  '<a/>text',
  '<a/><b/>',
  '<a>',
  'text<a/>',
  '<a x="<"/>',
  '<1a/>',
  '<a x="1"y="2"/>',
  '<a></b>',
  '<a/ >',
  '',
];

describe('the XML scanner', () => {
  it.each(WELL_FORMED)('reads %s as saxes does, however it is split into chunks', (xml) => {
    const expected = bySaxes(xml);
    for (const chunks of splits(xml)) expect([chunks.length, byScanner(chunks)]).toEqual([chunks.length, expected]);
  });

  it.each(WELL_FORMED)('reads plain cells in one call each, with the same events: %s', (xml) => {
    const expected = bySaxes(xml);
    for (const chunks of splits(xml, 3)) expect(byScanner(chunks, true)).toEqual(expected);
  });

  it.each(DAMAGED)('refuses %s, as saxes does', (xml) => {
    expect(() => bySaxes(xml)).toThrow();
    for (const chunks of splits(xml, 2)) expect(() => byScanner(chunks)).toThrow(XmlDamaged);
  });

  it('refuses a document type declaration, which no package part holds (saxes would read it)', () => {
    for (const chunks of splits('<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>', 2)) expect(() => byScanner(chunks)).toThrow(XmlDamaged);
  });

  it('holds back no more than a tag may be long', () => {
    const scanner = new XmlScanner(sink([]));
    scanner.write('<a b="');
    expect(() => {
      for (let i = 0; i < 20; i++) scanner.write('x'.repeat(2 ** 20));
    }).toThrow(XmlDamaged);
  });
});
