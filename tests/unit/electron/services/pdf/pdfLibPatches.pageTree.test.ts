/**
 * The bundle's page tree (electron/services/pdf/pdfLibPatches.ts, appendPagesWithoutWalking): pages added
 * at the end go into nodes of PAGES_PER_TREE_NODE, in branches of NODES_PER_BRANCH nodes under the root,
 * with /Count and /Parent right, in the order they were added; any other insertion takes pdf-lib's own
 * walk; every reader sees the same pages.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFRef } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  appendPagesWithoutWalking,
  NODES_PER_BRANCH,
  PAGES_PER_TREE_NODE,
} from '../../../../../electron/services/pdf/pdfLibPatches';
import { PdfFile } from '../../../../../electron/services/pdf/read';
import { openWithPdfjs, closePdfjs } from '../../../../../electron/services/pdf/pdfjs';

/** A document of `count` pages, each as wide as its number (so order can be read back), appended. */
async function appended(count: number): Promise<{ doc: PDFDocument; nodes: PDFRef[] }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const nodes: PDFRef[] = [];
  appendPagesWithoutWalking(doc, (ref) => nodes.push(ref));
  for (let i = 1; i <= count; i++) doc.addPage([100 + i, 200]);
  return { doc, nodes };
}

const kidsOf = (tree: PDFDict) => tree.lookup(PDFName.of('Kids'), PDFArray).asArray() as PDFRef[];
const countOf = (tree: PDFDict) => tree.lookup(PDFName.of('Count'), PDFNumber).asNumber();

describe("the bundle's page tree", () => {
  it('puts appended pages in nodes of a few pages, in branches under the root, counted and in order', async () => {
    // A full branch, then three full nodes and three pages more in a second.
    const branchPages = NODES_PER_BRANCH * PAGES_PER_TREE_NODE;
    const pages = branchPages + 3 * PAGES_PER_TREE_NODE + 3;
    const { doc, nodes } = await appended(pages);
    const root = doc.catalog.Pages();
    const rootRef = doc.catalog.get(PDFName.of('Pages'));
    const branches = kidsOf(root);
    expect(branches).toHaveLength(2);
    expect(countOf(root)).toBe(pages);
    expect(branches.map((ref) => countOf(doc.context.lookup(ref, PDFDict)))).toEqual([
      branchPages,
      pages - branchPages,
    ]);
    const leafNodes = branches.flatMap((ref) => {
      const branch = doc.context.lookup(ref, PDFDict);
      expect(branch.get(PDFName.of('Parent'))).toBe(rootRef);
      return kidsOf(branch).map((node) => ({ node, parent: ref }));
    });
    expect(leafNodes).toHaveLength(NODES_PER_BRANCH + 4);
    // Told of every node, branches and nodes of pages, as each was made.
    expect(new Set(nodes)).toEqual(new Set([...branches, ...leafNodes.map((n) => n.node)]));
    leafNodes.forEach(({ node: ref, parent }, n) => {
      const node = doc.context.lookup(ref, PDFDict);
      expect(node.get(PDFName.of('Parent'))).toBe(parent);
      expect(countOf(node)).toBe(n < leafNodes.length - 1 ? PAGES_PER_TREE_NODE : 3);
      for (const leaf of kidsOf(node))
        expect(doc.context.lookup(leaf, PDFDict).get(PDFName.of('Parent'))).toBe(ref);
    });
    expect(doc.getPageCount()).toBe(pages);
    expect(doc.getPages().map((p) => p.getWidth())).toEqual(Array.from({ length: pages }, (_, i) => 101 + i));
  });

  it("takes pdf-lib's own walk for a page put anywhere but the end, and stays a correct tree", async () => {
    const { doc } = await appended(2 * PAGES_PER_TREE_NODE);
    doc.insertPage(3, [1, 200]);
    doc.addPage([2, 200]);
    doc.insertPage(0, [3, 200]);
    const widths = doc.getPages().map((p) => p.getWidth());
    const expected = Array.from({ length: 2 * PAGES_PER_TREE_NODE }, (_, i) => 101 + i);
    expected.splice(3, 0, 1);
    expected.push(2);
    expected.unshift(3);
    expect(widths).toEqual(expected);
    expect(countOf(doc.catalog.Pages())).toBe(expected.length);
  });

  it("is read the same by the app's reader and by pdf.js", async () => {
    const count = NODES_PER_BRANCH * PAGES_PER_TREE_NODE + 5 * PAGES_PER_TREE_NODE + 1;
    const { doc } = await appended(count);
    const bytes = await doc.save({ useObjectStreams: false });
    const widths = Array.from({ length: count }, (_, i) => 101 + i);
    const file = PdfFile.open({ bytes });
    try {
      expect(file.pages.map((p) => Math.round(p.width))).toEqual(widths);
    } finally {
      file.close();
    }
    const pdf = await openWithPdfjs(bytes);
    try {
      expect(pdf.numPages).toBe(widths.length);
      const last = await pdf.getPage(widths.length);
      expect(Math.round(last.view[2])).toBe(widths.at(-1));
      const middle = await pdf.getPage(PAGES_PER_TREE_NODE + 2);
      expect(Math.round(middle.view[2])).toBe(widths[PAGES_PER_TREE_NODE + 1]);
    } finally {
      await closePdfjs(pdf, bytes.length);
    }
  });
});
