package dev.nabla.examples.mnist.serve;

import java.util.List;

/** Checks of what a person sees, run in the page: text that overlaps other text or runs off the page. */
final class PageLayout {
  private PageLayout() {}

  /**
   * Every line box of visible text, compared with every other (shrunk by 2 px on each side, so that
   * boxes merely touching pass); plus text past the window's edges and sideways scrolling.
   */
  private static final String PROBLEMS = """
      const boxes = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode;
        const text = node.textContent.trim();
        const el = node.parentElement;
        if (!text || el.closest('[hidden]') || getComputedStyle(el).visibility === 'hidden') continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width >= 1 && r.height >= 1) boxes.push({ text: text.slice(0, 40), r });
        }
      }
      const problems = [];
      const width = document.documentElement.clientWidth;
      const inset = 2;
      for (const b of boxes) {
        if (b.r.left < -0.5 || b.r.right > width + 0.5) {
          problems.push(`"${b.text}" runs off the page: ${Math.round(b.r.left)} to ${Math.round(b.r.right)} of ${width} px`);
        }
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r, b = boxes[j].r;
          if (a.left + inset < b.right - inset && b.left + inset < a.right - inset
              && a.top + inset < b.bottom - inset && b.top + inset < a.bottom - inset) {
            problems.push(`"${boxes[i].text}" overlaps "${boxes[j].text}"`);
          }
        }
      }
      if (document.documentElement.scrollWidth > width) {
        problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
      }
      return problems;
      """;

  /** The problems found in the page as it is now; empty when none. */
  @SuppressWarnings("unchecked")
  static List<String> problems(Browser browser) {
    return (List<String>) browser.js(PROBLEMS);
  }
}
