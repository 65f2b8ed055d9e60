import { useEffect } from 'react';

/**
 * Sets the printed page (a CSS @page rule) and a class on <html> while a print page is open.
 * Paper sizes come from settings or the user's choice, so they cannot be fixed rules in a
 * style sheet; a constructed style sheet is used because the Content-Security-Policy allows
 * no inline <style>. Adopted sheets come after the document's own in the cascade, so this
 * rule wins over the general @page.
 */
export function usePrintPage(pageRule: string, htmlClass: string): void {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`@page { ${pageRule} }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    document.documentElement.classList.add(htmlClass);
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
      document.documentElement.classList.remove(htmlClass);
    };
  }, [pageRule, htmlClass]);
}
