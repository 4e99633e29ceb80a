import type { ReactNode } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from './Dialog';

/**
 * Confirms deleting (or revoking) one item of a list: open while `item` is set, it runs `remove` with the item's id,
 * and on success toasts `done` and closes; a refusal leaves it open, and `children` may show it.
 */
export function RemoveDialog<T extends { id: string }>({
  item,
  onClose,
  remove,
  title,
  description,
  confirmLabel,
  done,
  children,
}: {
  item: T | undefined;
  onClose: () => void;
  remove: { mutate: (id: string, options: { onSuccess: () => void }) => void; isPending: boolean };
  title: string;
  description: ReactNode;
  confirmLabel: string;
  done: (item: T) => string;
  children?: ReactNode;
}) {
  return (
    <ConfirmDialog
      open={!!item}
      onOpenChange={(open) => !open && onClose()}
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      busy={remove.isPending}
      onConfirm={() =>
        item &&
        remove.mutate(item.id, {
          onSuccess: () => {
            toast.success(done(item));
            onClose();
          },
        })
      }
    >
      {children}
    </ConfirmDialog>
  );
}
