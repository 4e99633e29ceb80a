import type { ReactNode } from 'react';
import { Button } from '../../components/ui/Button';
import { Card, CardHeader } from '../../components/ui/Card';
import { PlusIcon } from '../../components/ui/icons';
import { EmptyState } from '../../components/ui/States';

/**
 * An integration panel's list: an empty state offering the add button when there is nothing yet, otherwise a card
 * with its header (and the add button there) over the `children` list items.
 */
export function ItemsCard({
  count,
  empty,
  title,
  description,
  addLabel,
  onAdd,
  children,
}: {
  count: number;
  empty: { title: string; description: string };
  title: string;
  description: string;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  const addButton = (
    <Button size="sm" onClick={onAdd}>
      <PlusIcon /> {addLabel}
    </Button>
  );
  if (count === 0) {
    return (
      <Card>
        <EmptyState title={empty.title} description={empty.description} action={addButton} />
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader title={title} description={description} actions={addButton} />
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</ul>
    </Card>
  );
}
