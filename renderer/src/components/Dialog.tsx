import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the platform's `<dialog>.showModal()`: the page behind is inert (focus
 * is trapped inside, clicks and keys cannot reach the map editor), and Escape asks to close.
 * Mounted = open. Without `onClose` Escape is refused: the dialog must be answered.
 */
export function Dialog(props: {
  readonly role?: 'dialog' | 'alertdialog';
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly className?: string;
  readonly onClose?: () => void;
  readonly children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // Escape fires `cancel`: React state decides whether the dialog goes, not the browser.
    const cancel = (e: Event) => {
      e.preventDefault();
      onClose.current?.();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      role={props.role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={props.labelledBy}
      aria-describedby={props.describedBy}
      className={`modal${props.className ? ` ${props.className}` : ''}`}
    >
      {props.children}
    </dialog>
  );
}

/** True while a modal dialog is open: the editor's keys are suspended behind it. */
export function modalOpen(doc: Document = document): boolean {
  return doc.querySelector('dialog:modal') !== null;
}
