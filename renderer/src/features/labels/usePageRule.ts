import { useEffect } from 'react';

/**
 * Sets the printed page size (CSS @page) while the labels page is open. The size comes from
 * the clinic's settings, so it cannot be a fixed rule in labels.css; a constructed style
 * sheet is used because the Content-Security-Policy allows no inline <style>. Adopted sheets
 * come after the document's own in the cascade, so this rule wins over any general @page.
 */
export function usePageRule(widthMm: number, heightMm: number): void {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    // No margins and no margin boxes: a label has no room for the map sheet's page footer.
    const noBoxes = ['top-left', 'top-center', 'top-right', 'bottom-left', 'bottom-center', 'bottom-right'].map((b) => `@${b} { content: none; }`).join(' ');
    sheet.replaceSync(`@page { size: ${widthMm}mm ${heightMm}mm; margin: 0; ${noBoxes} }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    document.documentElement.classList.add('printing-labels');
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      document.documentElement.classList.remove('printing-labels');
    };
  }, [widthMm, heightMm]);
}
