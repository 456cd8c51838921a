/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import dev.complaintkit.ComplaintClient;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link ComplaintClient} bean per configured name, qualified by that name
 * ({@code @Qualifier("shop1")}), named {@code <name>ComplaintClient}; each is the
 * {@link ComplaintClients} registry's client of that name.
 */
class ComplaintClientBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {
    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Map<String, Object> clients = Binder.get(environment)
                .bind(ComplaintKitProperties.PREFIX + ".clients", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        BeanFactory beans = (BeanFactory) registry;
        for (String name : clients.keySet()) {
            String beanName = name + "ComplaintClient";
            if (registry.containsBeanDefinition(beanName)) {
                continue;
            }
            RootBeanDefinition definition = new RootBeanDefinition(ComplaintClient.class,
                    () -> beans.getBean(ComplaintClients.class).get(name));
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            definition.setDestroyMethodName(null); // the registry closes its clients
            registry.registerBeanDefinition(beanName, definition);
        }
    }
}
