import type { UseFormRegisterReturn } from 'react-hook-form';
import { describedBy, FormField } from '../../ui/form-field.js';

export type SoapName = 'subjective' | 'objective' | 'assessment' | 'plan';

const SOAP: { name: SoapName; letter: string; label: string; placeholder: string }[] = [
  { name: 'subjective', letter: 'S', label: 'Subjective', placeholder: 'History, what the owner reports' },
  { name: 'objective', letter: 'O', label: 'Objective', placeholder: 'Examination findings, vitals, results' },
  { name: 'assessment', letter: 'A', label: 'Assessment', placeholder: 'Diagnosis or differentials' },
  { name: 'plan', letter: 'P', label: 'Plan', placeholder: 'Treatment, medication, follow-up' },
];

interface SoapFieldsProps {
  idPrefix: string;
  register: (name: SoapName) => UseFormRegisterReturn;
  errors: Partial<Record<SoapName, string | undefined>>;
}

/** The four SOAP notes as textareas that grow with their text (CSS `field-sizing`). */
export function SoapFields({ idPrefix, register, errors }: SoapFieldsProps) {
  return (
    <>
      {SOAP.map(({ name, letter, label, placeholder }) => {
        const id = `${idPrefix}-${name}`;
        return (
          <FormField
            key={name}
            id={id}
            error={errors[name]}
            className="soap-field"
            label={
              <>
                <span className="soap-letter" aria-hidden="true">
                  {letter}
                </span>
                {label}
              </>
            }
          >
            <textarea
              className="textarea soap-textarea"
              placeholder={placeholder}
              {...describedBy(id, errors[name])}
              {...register(name)}
            />
          </FormField>
        );
      })}
    </>
  );
}
