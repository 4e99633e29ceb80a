import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import { SEVERITIES, type Severity, type Ticket } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { Dialog } from '../../components/ui/Dialog';
import { Field, Input, Select, Textarea } from '../../components/ui/Field';
import { useUpdateTicket } from './api';
import { SEVERITY_LABEL } from './labels';

export function EditTicketDialog({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const update = useUpdateTicket(ticket.id);
  const [title, setTitle] = useState(ticket.title);
  const [description, setDescription] = useState(ticket.description);
  const [severity, setSeverity] = useState<Severity>(ticket.severity);
  const [category, setCategory] = useState(ticket.category);
  const errors = update.error instanceof ApiError ? update.error.fieldErrors() : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { title, description, severity, category },
      {
        onSuccess: () => {
          toast.success('Ticket updated');
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title="Edit ticket">
      <form onSubmit={submit} noValidate className="space-y-4">
        <Field label="Title" required error={errors.title}>
          {(props) => <Input {...props} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label="Description" error={errors.description}>
          {(props) => (
            <Textarea {...props} rows={6} value={description} onChange={(e) => setDescription(e.target.value)} />
          )}
        </Field>
        <div className="grid grid-cols-2 gap-4">
          <Field label="Severity" error={errors.severity}>
            {(props) => (
              <Select {...props} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
                {SEVERITIES.map((value) => (
                  <option key={value} value={value}>
                    {SEVERITY_LABEL[value]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Category" error={errors.category}>
            {(props) => <Input {...props} value={category} onChange={(e) => setCategory(e.target.value)} />}
          </Field>
        </div>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
