import { useRef } from 'preact/hooks';
import { type ComponentChildren } from 'preact';

/**
 * A button that asks first, in a modal <dialog> (focus moves into it, Escape cancels, the browser
 * traps focus), and runs `onConfirm` only on the explicit confirm button.
 */
export function ConfirmButton(props: {
  label: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  children: ComponentChildren;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        class={props.danger === true ? 'danger' : 'secondary'}
        onClick={() => dialog.current?.showModal()}
      >
        {props.label}
      </button>
      <dialog ref={dialog} aria-label={props.label}>
        <form method="dialog">
          <div>{props.children}</div>
          <div class="actions">
            <button value="cancel" class="secondary" autofocus>
              Keep it
            </button>
            <button
              value="confirm"
              class={props.danger === true ? 'danger' : ''}
              onClick={() => props.onConfirm()}
            >
              {props.confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
