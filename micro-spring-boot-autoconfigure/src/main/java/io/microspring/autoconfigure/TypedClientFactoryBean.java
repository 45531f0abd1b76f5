package io.microspring.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;

import io.microspring.client.MicroClient;
import io.microspring.client.TypedClients;

/** Creates the implementation of one {@code @MicroClient} interface over the {@link MicroClient} bean. */
class TypedClientFactoryBean<T> implements FactoryBean<T>, BeanFactoryAware {

    private final Class<T> type;
    private BeanFactory beanFactory;

    TypedClientFactoryBean(Class<T> type) {
        this.type = type;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public T getObject() {
        return TypedClients.create(type, beanFactory.getBean(MicroClient.class));
    }

    @Override
    public Class<?> getObjectType() {
        return type;
    }
}
