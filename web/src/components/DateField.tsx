import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

// A date input that speaks ISO to the form (and the API) and dd/mm/yyyy to the user, who may
// type it (21/3/2024, 21/03/2024) or pick it.
export function DateField({
  value,
  onChange,
  id,
  ...rest
}: {
  value?: string | null;
  onChange?: (iso: string | null) => void;
  id?: string;
  'aria-label'?: string;
  placeholder?: string;
}) {
  return (
    <DatePicker
      id={id}
      value={value ? dayjs(value, 'YYYY-MM-DD') : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      format={['DD/MM/YYYY', 'D/M/YYYY', 'DD-MM-YYYY', 'YYYY-MM-DD']}
      placeholder={rest.placeholder ?? 'dd/mm/yyyy'}
      aria-label={rest['aria-label']}
      style={{ width: '100%' }}
      inputReadOnly={false}
    />
  );
}
