import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { DATE_INPUT_FORMATS, ISO_DATE } from '../lib/format';

// A date input that speaks ISO to the form (and the API) and dd/mm/yyyy to the user, who may
// type it in any of the forms parseDate reads (21/3/2024, 21.03.2024, 2024-03-21) or pick it.
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
      value={value ? dayjs(value, ISO_DATE) : null}
      onChange={(d) => onChange?.(d ? d.format(ISO_DATE) : null)}
      format={DATE_INPUT_FORMATS}
      placeholder={rest.placeholder ?? 'dd/mm/yyyy'}
      aria-label={rest['aria-label']}
      style={{ width: '100%' }}
      inputReadOnly={false}
    />
  );
}
